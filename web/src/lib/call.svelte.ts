import { Device, type types } from 'mediasoup-client';
import type {
  CallAcks,
  CallChatMessage,
  CallEventName,
  CallEvents,
  CallRequestBody,
  CallRequestType,
  PeerRole,
  QualityLevel,
} from '@telehealth/signaling/call-protocol';
import type { SignalingClient } from '@telehealth/signaling/client';
import type { ChatMessage } from '@telehealth/signaling/protocol';
import {
  CAMERA_CAPTURE,
  CAMERA_SIMULCAST_ENCODINGS,
  SCREEN_SHARE_ENCODINGS,
  type MediaSource,
} from '@telehealth/sfu/media-params';
import { createReconnectPolicy, type ReconnectDecision } from '@telehealth/sfu/reconnect-policy';
import { socket } from './socket.svelte.ts';

/**
 * One consultation on the SFU, driven over the signaling socket (call.* requests, events on
 * `call:<roomId>`). The server keeps a participant's session per socket, so after the socket drops
 * (or the page reloads) the whole session is rebuilt: join, transports, produce, consume. Broken
 * media paths with a live socket get an ICE restart first (sfu/src/reconnect-policy.ts decides).
 */

export type Quality = QualityLevel;
export type CallState = 'connecting' | 'joined' | 'reconnecting' | 'ended' | 'left' | 'failed';

export interface PeerView {
  peerId: string;
  displayName: string;
  role: string;
  camera: MediaStream | null;
  screen: MediaStream | null;
  audio: MediaStream | null;
  micPaused: boolean;
  cameraPaused: boolean;
  reconnecting: boolean;
}

/** mediasoup's structures in the call frames, as mediasoup-client names them. */
type BrowserMedia = {
  rtpCapabilities: types.RtpCapabilities;
  rtpParameters: types.RtpParameters;
  iceParameters: types.IceParameters;
  iceCandidate: types.IceCandidate;
  dtlsParameters: types.DtlsParameters;
};
type Acks = CallAcks<BrowserMedia>;
type Events = CallEvents<BrowserMedia>;
/** A request's fields; the session adds its room. */
type Body<T extends CallRequestType> = Omit<CallRequestBody<T>, 'roomId'>;

const uid = () => crypto.randomUUID();

/** The socket a call runs on. */
export interface CallLink {
  ready(): Promise<SignalingClient>;
  isOpen(): boolean;
}

export class CallSession {
  state = $state<CallState>('connecting');
  error = $state<string | null>(null);
  role = $state<PeerRole | null>(null);
  selfId = $state<string | null>(null);
  peers = $state<PeerView[]>([]);
  local = $state<MediaStream | null>(null);
  localScreen = $state<MediaStream | null>(null);
  micOn = $state(true);
  cameraOn = $state(true);
  audioOnly = $state(false);
  sharing = $state(false);
  activeSpeaker = $state<string | null>(null);
  quality = $state<Record<string, Quality>>({});
  startedAt = $state<string | null>(null);
  conversationId = $state<string | null>(null);
  messages = $state<ChatMessage[]>([]);
  /** The call's own chat (everyone in the room, guests too; never stored). */
  roomChat = $state<CallChatMessage[]>([]);
  /** Media or signaling is being recovered (shown as a banner, tiles stay). */
  reconnecting = $state(false);

  readonly roomId: string;
  #client: SignalingClient | null = null;
  #device: Device | null = null;
  #send: types.Transport | null = null;
  #recv: types.Transport | null = null;
  #producers = new Map<MediaSource, types.Producer>();
  #consumers = new Map<string, { consumer: types.Consumer; peerId: string; source: MediaSource }>();
  #camTrack: MediaStreamTrack | null = null;
  #micTrack: MediaStreamTrack | null = null;
  #offs: (() => void)[] = [];
  #policy = createReconnectPolicy();
  #gen = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #chatTopic: string | null = null;
  #closed = false;
  /** Who we heard of by event (a peerJoined can overtake our own join's answer). */
  #known = new Map<string, { displayName: string; role: string }>();
  /** Producers announced before our receive transport existed; consumed once it does. */
  #early = new Map<string, string>();
  /** Producer ids being consumed or consumed, so an event and the join list never double up. */
  #consuming = new Set<string>();
  /** Peers whose peerJoined arrived while our own join was in flight. */
  #joinedDuring = new Set<string>();

  readonly #link: CallLink;

  /**
   * `link`: the socket the call runs on; the tab's signed-in socket unless given (a call guest has
   * no account and brings a socket of its own, opened with its guest pass).
   */
  constructor(
    roomId: string,
    link: CallLink = { ready: () => socket.ready(), isOpen: () => socket.status === 'open' },
  ) {
    this.roomId = roomId;
    this.#link = link;
  }

  /** Doctor: takes a participant (a guest) out of the call; the server ends their media and access. */
  async remove(peerId: string) {
    await this.#req('call.remove', { peerId });
  }

  get topic() {
    return `call:${this.roomId}`;
  }

  /** Starts the call: camera and microphone, then join. */
  async start() {
    await this.#openMedia();
    const c = await this.#link.ready();
    this.#client = c;
    this.#listen(c);
    this.#offs.push(
      c.on('disconnected', () => {
        if (this.#done()) return;
        this.reconnecting = true;
        this.state = 'reconnecting';
        this.#decide(this.#policy.next({ type: 'socket-closed' }));
      }),
    );
    try {
      await this.#join();
    } catch (err) {
      this.#joinFailed(err);
    }
  }

  /** Refusals (the visit is over, not yours) end the attempt; anything else is retried. */
  #joinFailed(err: unknown) {
    if (this.#done()) return;
    const code = (err as { code?: string }).code;
    if (code === 'forbidden' || code === 'not_found' || code === 'invalid_state') {
      this.error = code;
      this.state = 'failed';
      return;
    }
    this.reconnecting = true;
    this.state = 'reconnecting';
    this.#decide(
      this.#policy.next({ type: this.#policy.status === 'connected' ? 'socket-closed' : 'attempt-failed' }),
    );
  }

  #done() {
    return this.#closed || this.state === 'ended' || this.state === 'left';
  }

  async #openMedia() {
    try {
      const s = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true },
        video: {
          width: { ideal: CAMERA_CAPTURE.width },
          height: { ideal: CAMERA_CAPTURE.height },
          frameRate: { ideal: CAMERA_CAPTURE.frameRate },
        },
      });
      this.#micTrack = s.getAudioTracks()[0] ?? null;
      this.#camTrack = s.getVideoTracks()[0] ?? null;
    } catch {
      // No camera (or refused): try the microphone alone, else join to watch and listen.
      try {
        const s = await navigator.mediaDevices.getUserMedia({ audio: true });
        this.#micTrack = s.getAudioTracks()[0] ?? null;
      } catch {
        this.error = 'media';
      }
      this.cameraOn = false;
    }
    if (!this.#micTrack) this.micOn = false;
    this.local = this.#camTrack ? new MediaStream([this.#camTrack]) : null;
  }

  #req<T extends CallRequestType>(
    type: T,
    ...[body]: Partial<Body<T>> extends Body<T> ? [Body<T>?] : [Body<T>]
  ): Promise<Acks[T]> {
    if (!this.#client) return Promise.reject(new Error('not connected'));
    // The API host answers with Acks (api/src/consultations/calls.ts is typed by them).
    return this.#client.request(type, { roomId: this.roomId, ...body }) as Promise<Acks[T]>;
  }

  /** A full (re)join: every piece of server state is created anew for this socket. */
  async #join() {
    const gen = ++this.#gen;
    const stale = () => gen !== this.#gen || this.#done();
    this.#teardownTransports();
    this.#early.clear();
    const c = await this.#link.ready();
    this.#client = c;
    await c.subscribe(this.topic);
    this.#joinedDuring.clear();
    const j = await this.#req('call.join');
    if (stale()) return;
    this.selfId = j.peerId;
    this.role = j.role;
    this.startedAt = j.consultationStartedAt;
    this.activeSpeaker = j.activeSpeakerPeerId;
    if (!this.#device) {
      this.#device = new Device();
      await this.#device.load({ routerRtpCapabilities: j.routerRtpCapabilities });
    }
    await this.#req('call.rtpCapabilities', { rtpCapabilities: this.#device.rtpCapabilities });
    this.peers = j.peers.map((p) => ({
      peerId: p.peerId,
      displayName: p.displayName,
      role: p.role,
      camera: null,
      screen: null,
      audio: null,
      micPaused: p.producers.some((x) => x.source === 'mic' && x.paused),
      cameraPaused: p.producers.some((x) => x.source === 'camera' && x.paused),
      reconnecting: false,
    }));
    // Peers that joined while our join was being answered are not in its list: keep them.
    for (const p of j.peers) this.#known.set(p.peerId, { displayName: p.displayName, role: p.role });
    for (const peerId of this.#joinedDuring)
      if (peerId !== j.peerId && !this.peers.some((p) => p.peerId === peerId)) this.#patch(peerId, () => {});
    const [send, recv] = await Promise.all([this.#transport('send', gen), this.#transport('recv', gen)]);
    if (stale()) {
      send.close();
      recv.close();
      return;
    }
    this.#send = send;
    this.#recv = recv;
    const announced = [
      ...j.peers.flatMap((p) => p.producers.map((x) => [x.producerId, p.peerId] as const)),
      ...this.#early,
    ];
    this.#early.clear();
    await Promise.all(announced.map(([producerId, peerId]) => this.#consume(producerId, peerId, gen)));
    await this.#produceAll(gen);
    if (stale()) return;
    if (j.conversationId && j.conversationId !== this.conversationId) void this.#openChat(j.conversationId);
    this.state = 'joined';
    this.reconnecting = this.peers.some((p) => p.reconnecting);
    this.#policy.next({ type: 'connected' });
  }

  async #transport(direction: 'send' | 'recv', gen: number): Promise<types.Transport> {
    const p = await this.#req('call.createTransport', { direction });
    const opts = {
      id: p.id,
      iceParameters: p.iceParameters,
      iceCandidates: p.iceCandidates,
      dtlsParameters: p.dtlsParameters,
      iceServers: p.iceServers,
      iceTransportPolicy: p.iceTransportPolicy ?? 'all',
    };
    const t =
      direction === 'send'
        ? this.#device!.createSendTransport(opts)
        : this.#device!.createRecvTransport(opts);
    t.on('connect', ({ dtlsParameters }, ok, fail) => {
      this.#req('call.connectTransport', { transportId: t.id, dtlsParameters })
        .then(() => ok())
        .catch(fail);
    });
    if (direction === 'send')
      t.on('produce', ({ kind, rtpParameters, appData }, ok, fail) => {
        this.#req('call.produce', {
          transportId: t.id,
          kind,
          rtpParameters,
          // #produce sets it on every producer.
          source: appData.source as MediaSource,
          ...(appData.paused ? { paused: true } : {}),
        })
          .then(({ producerId }) => ok({ id: producerId }))
          .catch(fail);
      });
    t.on('connectionstatechange', (state) => {
      if (gen !== this.#gen || this.#done()) return;
      if (state === 'connected') {
        this.#policy.next({ type: 'connected' });
        this.reconnecting = this.peers.some((x) => x.reconnecting) || !this.#link.isOpen();
      } else if (state === 'disconnected' || state === 'failed') {
        this.reconnecting = true;
        this.#decide(this.#policy.next({ type: state === 'failed' ? 'ice-failed' : 'ice-disconnected' }), t);
      }
    });
    return t;
  }

  /** Acts on the reconnect policy's decision (after its delay). */
  #decide(d: ReconnectDecision, t?: types.Transport) {
    if (d.action === 'none') return;
    if (d.action === 'give-up') {
      this.state = 'failed';
      return;
    }
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(async () => {
      if (this.#done()) return;
      try {
        if (d.action === 'ice-restart' && t && !t.closed && this.#link.isOpen()) {
          if (t.connectionState === 'connected') return void this.#policy.next({ type: 'connected' });
          const { iceParameters } = await this.#req('call.restartIce', { transportId: t.id });
          await t.restartIce({ iceParameters });
        } else {
          await this.#link.ready();
          await this.#join();
        }
      } catch (err) {
        const code = (err as { code?: string }).code;
        if (d.action === 'rejoin' && (code === 'forbidden' || code === 'not_found'))
          return this.#joinFailed(err);
        if (!this.#done()) this.#decide(this.#policy.next({ type: 'attempt-failed' }), t);
      }
    }, d.delayMs);
  }

  async #produceAll(gen: number) {
    const send = this.#send;
    if (!send) return;
    this.#producers.clear();
    const jobs: Promise<unknown>[] = [];
    if (this.#micTrack && this.#device!.canProduce('audio'))
      jobs.push(this.#produce(send, 'mic', this.#micTrack, gen, { paused: !this.micOn }));
    if (this.#camTrack && this.#device!.canProduce('video'))
      jobs.push(
        this.#produce(send, 'camera', this.#camTrack, gen, {
          paused: !this.cameraOn || this.audioOnly,
          encodings: CAMERA_SIMULCAST_ENCODINGS.map((e) => ({ ...e })),
          codecOptions: { videoGoogleStartBitrate: 1000 },
        }),
      );
    const screen = this.localScreen?.getVideoTracks()[0];
    if (screen && screen.readyState === 'live')
      jobs.push(
        this.#produce(send, 'screen', screen, gen, {
          encodings: SCREEN_SHARE_ENCODINGS.map((e) => ({ ...e })),
        }),
      );
    await Promise.all(jobs);
  }

  async #produce(
    send: types.Transport,
    source: MediaSource,
    track: MediaStreamTrack,
    gen: number,
    o: {
      paused?: boolean;
      encodings?: types.RtpEncodingParameters[];
      codecOptions?: types.ProducerCodecOptions;
    },
  ) {
    const { paused = false, ...rest } = o;
    // The tracks outlive producers: a rejoin produces the same camera and microphone again.
    const p = await send.produce({ track, stopTracks: false, appData: { source, paused }, ...rest });
    if (gen !== this.#gen) return p.close();
    if (paused) p.pause();
    this.#producers.set(source, p);
  }

  async #consume(producerId: string, peerId: string, gen: number) {
    if (peerId === this.selfId) return;
    const recv = this.#recv;
    if (!recv) return void this.#early.set(producerId, peerId);
    if (this.#consuming.has(producerId)) return;
    this.#consuming.add(producerId);
    let a: Acks['call.consume'];
    try {
      a = await this.#req('call.consume', { transportId: recv.id, producerId });
    } catch {
      this.#consuming.delete(producerId);
      return; // the producer went away meanwhile
    }
    if (gen !== this.#gen || recv !== this.#recv || recv.closed) return;
    let consumer: types.Consumer;
    try {
      consumer = await recv.consume({
        id: a.consumerId,
        producerId: a.producerId,
        kind: a.kind,
        rtpParameters: a.rtpParameters,
      });
    } catch (err) {
      // A rejoin can close this transport while the consumer is being set up (the peer connection
      // refuses setLocalDescription); the rejoin consumes every announced producer again.
      this.#consuming.delete(producerId);
      if (recv.closed || gen !== this.#gen) return;
      throw err;
    }
    this.#consumers.set(consumer.id, { consumer, peerId, source: a.source });
    this.#patch(peerId, (p) => {
      const stream = new MediaStream([consumer.track]);
      if (a.source === 'mic') p.audio = stream;
      else if (a.source === 'screen') p.screen = stream;
      else p.camera = stream;
      if (a.source === 'mic') p.micPaused = a.producerPaused;
      if (a.source === 'camera') p.cameraPaused = a.producerPaused;
    });
    await this.#req('call.resumeConsumer', { consumerId: consumer.id }).catch(() => {});
  }

  #patch(peerId: string, fn: (p: PeerView) => void) {
    let p = this.peers.find((x) => x.peerId === peerId);
    if (!p) {
      const k = this.#known.get(peerId);
      this.peers.push({
        peerId,
        displayName: k?.displayName ?? '',
        role: k?.role ?? '',
        camera: null,
        screen: null,
        audio: null,
        micPaused: false,
        cameraPaused: false,
        reconnecting: false,
      });
      p = this.peers[this.peers.length - 1]!;
    }
    fn(p);
  }

  #dropConsumer(match: (c: { consumer: types.Consumer; peerId: string; source: MediaSource }) => boolean) {
    for (const [id, c] of this.#consumers) {
      if (!match(c)) continue;
      c.consumer.close();
      this.#consumers.delete(id);
      this.#consuming.delete(c.consumer.producerId);
      this.#patch(c.peerId, (p) => {
        if (c.source === 'mic') p.audio = null;
        else if (c.source === 'screen') p.screen = null;
        else p.camera = null;
      });
    }
  }

  #listen(c: SignalingClient) {
    const on = <E extends CallEventName>(event: E, fn: (e: Events[E]) => void) =>
      this.#offs.push(
        c.on(event, (data: unknown, frame) => {
          if (frame?.topic && frame.topic !== this.topic) return;
          // The API host emits exactly CallEvents (api/src/consultations/calls.ts checks the SFU's).
          const e = data as Events[E];
          if (e.roomId && e.roomId !== this.roomId) return;
          fn(e);
        }),
      );
    on('call.peerJoined', (e) => {
      if (e.peerId === this.selfId) return;
      const k = { displayName: e.displayName, role: e.role };
      this.#known.set(e.peerId, k);
      this.#joinedDuring.add(e.peerId);
      this.#patch(e.peerId, (p) => {
        Object.assign(p, k);
        p.reconnecting = false;
      });
      this.reconnecting = this.peers.some((x) => x.reconnecting) || this.state === 'reconnecting';
    });
    on('call.peerLeft', (e) => {
      if (e.peerId === this.selfId) {
        // Our own previous session, replaced by this one (a reload): nothing to do.
        if (e.reason === 'replaced') return;
        if (e.reason === 'room-closed') this.state = 'ended';
        // Taken out by the doctor (a guest): the server already ended our media and access.
        if (e.reason === 'removed') {
          this.state = 'ended';
          this.#teardownTransports();
        }
        return;
      }
      this.#dropConsumer((x) => x.peerId === e.peerId);
      this.#joinedDuring.delete(e.peerId);
      if (e.reason === 'replaced') {
        // They rejoined from a new connection; their new producers follow.
        this.#patch(e.peerId, (p) => (p.reconnecting = true));
      } else {
        this.peers = this.peers.filter((p) => p.peerId !== e.peerId);
        if (e.reason === 'room-closed') this.state = 'ended';
      }
      this.reconnecting = this.peers.some((x) => x.reconnecting);
    });
    on('call.peerReconnecting', (e) => {
      if (e.peerId === this.selfId) return;
      this.#patch(e.peerId, (p) => (p.reconnecting = true));
      this.reconnecting = true;
    });
    on('call.newProducer', (e) => {
      if (e.peerId === this.selfId) return;
      this.#patch(e.peerId, (p) => (p.reconnecting = false));
      this.reconnecting = this.peers.some((x) => x.reconnecting) || this.state === 'reconnecting';
      void this.#consume(e.producerId, e.peerId, this.#gen);
    });
    on('call.producerClosed', (e) => {
      this.#early.delete(e.producerId);
      this.#dropConsumer((x) => x.consumer.producerId === e.producerId);
    });
    on('call.consumerClosed', (e) => this.#dropConsumer((x) => x.consumer.id === e.consumerId));
    const paused = (v: boolean) => (e: Events['call.producerPaused' | 'call.producerResumed']) =>
      this.#patch(e.peerId, (p) => {
        if (e.source === 'mic') p.micPaused = v;
        if (e.source === 'camera') p.cameraPaused = v;
      });
    on('call.producerPaused', paused(true));
    on('call.producerResumed', paused(false));
    on('call.activeSpeaker', (e) => (this.activeSpeaker = e.peerId));
    on('call.quality', (e) => (this.quality = { ...this.quality, [e.peerId]: e.level }));
    on('call.iceRestarted', (e) => {
      const t = [this.#send, this.#recv].find((x) => x?.id === e.transportId);
      void t?.restartIce({ iceParameters: e.iceParameters }).catch(() => {});
    });
    on('call.rejoin', () => {
      this.reconnecting = true;
      this.#decide(this.#policy.next({ type: 'room-recreated' }));
    });
    on('call.started', (e) => (this.startedAt = e.startedAt));
    on('call.chatMessage', (e) => this.#addRoomChat(e));
    on('call.ended', () => {
      this.state = 'ended';
      this.#teardownTransports();
    });
    // Access to the room ended (visit ended, no-show, removed as a guest): the server dropped us.
    this.#offs.push(
      c.on('sub.revoked', (_, frame) => {
        if (frame.topic !== this.topic) return;
        this.state = 'ended';
        this.#teardownTransports();
      }),
    );
    this.#offs.push(
      c.on('chat.message', (m) => {
        if (m.conversationId !== this.conversationId || this.messages.some((x) => x.id === m.id)) return;
        this.messages = [...this.messages, m];
      }),
    );
  }

  async #openChat(conversationId: string) {
    this.conversationId = conversationId;
    const c = this.#client!;
    this.#chatTopic = `chat:${conversationId}`;
    try {
      await c.subscribe(this.#chatTopic);
      const { messages } = await c.request('chat.history', { conversationId, limit: 50 });
      const known = new Set(this.messages.map((m) => m.id));
      this.messages = [...messages.filter((m) => !known.has(m.id)), ...this.messages].sort(
        (a, b) => a.seq - b.seq,
      );
    } catch {
      // The call works without chat.
    }
  }

  async sendChat(text: string) {
    if (!this.conversationId || !this.#client || !text.trim()) return;
    const { message } = await this.#client.sendChat(this.conversationId, text.trim(), uid());
    if (!this.messages.some((m) => m.id === message.id)) this.messages = [...this.messages, message];
  }

  /** Says something to everyone in the call (guests included); nothing is kept after the call. */
  async sendRoomChat(text: string) {
    if (!text.trim()) return;
    const { message } = await this.#req('call.chat', { text: text.trim() });
    this.#addRoomChat(message);
  }

  #addRoomChat(m: CallChatMessage) {
    if (!this.roomChat.some((x) => x.id === m.id)) this.roomChat = [...this.roomChat, m];
  }

  async toggleMic() {
    this.micOn = !this.micOn;
    await this.#setPaused('mic', !this.micOn);
  }

  async toggleCamera() {
    this.cameraOn = !this.cameraOn;
    await this.#setPaused('camera', !this.cameraOn || this.audioOnly);
  }

  /** Audio only: stop sending and receiving video (bad connections, or privacy). */
  async toggleAudioOnly() {
    this.audioOnly = !this.audioOnly;
    await this.#req('call.audioOnly', { enabled: this.audioOnly }).catch(() => {});
    await this.#setPaused('camera', !this.cameraOn || this.audioOnly);
  }

  async #setPaused(source: MediaSource, paused: boolean) {
    const p = this.#producers.get(source);
    if (!p) return;
    if (paused) p.pause();
    else p.resume();
    await this.#req(paused ? 'call.pauseProducer' : 'call.resumeProducer', { producerId: p.id }).catch(
      () => {},
    );
  }

  async toggleScreen() {
    if (this.sharing) return this.#stopScreen();
    const s = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 5 }, audio: false });
    const track = s.getVideoTracks()[0];
    if (!track || !this.#send) return s.getTracks().forEach((t) => t.stop());
    this.localScreen = s;
    this.sharing = true;
    track.addEventListener('ended', () => void this.#stopScreen());
    await this.#produce(this.#send, 'screen', track, this.#gen, {
      encodings: SCREEN_SHARE_ENCODINGS.map((e) => ({ ...e })),
    });
  }

  async #stopScreen() {
    const p = this.#producers.get('screen');
    this.#producers.delete('screen');
    this.localScreen?.getTracks().forEach((t) => t.stop());
    this.localScreen = null;
    this.sharing = false;
    if (p) {
      p.close();
      await this.#req('call.closeProducer', { producerId: p.id }).catch(() => {});
    }
  }

  /** Leave (anyone) or end for everyone (doctor). */
  async leave(end = false) {
    try {
      if (end) await this.#req('call.end');
      else await this.#req('call.leave');
    } catch {
      // Leaving works offline too: the server drops the seat after its grace period.
    }
    this.state = end ? 'ended' : 'left';
    this.close();
  }

  /** Inbound video frames decoded so far on the receive transport (diagnostics and E2E checks). */
  async framesDecoded(): Promise<number> {
    if (!this.#recv || this.#recv.closed) return 0;
    let n = 0;
    (await this.#recv.getStats()).forEach((s: { type: string; kind?: string; framesDecoded?: number }) => {
      if (s.type === 'inbound-rtp' && s.kind === 'video') n += s.framesDecoded ?? 0;
    });
    return n;
  }

  /**
   * How each transport reaches the SFU: the local candidate type of its selected ICE pair (`host`,
   * `srflx`, or `relay` through TURN). Diagnostics; the TURN E2E test checks for `relay`.
   */
  async candidateTypes(): Promise<{ send: string | null; recv: string | null }> {
    const typeOf = async (t: types.Transport | null) => {
      if (!t || t.closed) return null;
      const stats = await t.getStats();
      const byId = new Map<string, { type: string; candidateType?: string }>();
      let pairLocal: string | undefined;
      stats.forEach(
        (s: { id: string; type: string; candidateType?: string; selectedCandidatePairId?: string }) => {
          byId.set(s.id, s);
          if (s.type === 'transport' && s.selectedCandidatePairId) pairLocal = s.selectedCandidatePairId;
        },
      );
      const pair = pairLocal ? (byId.get(pairLocal) as { localCandidateId?: string } | undefined) : undefined;
      return (pair?.localCandidateId && byId.get(pair.localCandidateId)?.candidateType) || null;
    };
    return { send: await typeOf(this.#send), recv: await typeOf(this.#recv) };
  }

  /** A snapshot of the session's moving parts (diagnostics: the E2E tests print it on failure). */
  debug() {
    return {
      state: this.state,
      gen: this.#gen,
      selfId: this.selfId,
      send: this.#send && { id: this.#send.id, state: this.#send.connectionState },
      recv: this.#recv && { id: this.#recv.id, state: this.#recv.connectionState },
      producers: [...this.#producers].map(([source, p]) => ({
        source,
        id: p.id,
        paused: p.paused,
        closed: p.closed,
      })),
      consumers: [...this.#consumers.values()].map((c) => ({
        source: c.source,
        peerId: c.peerId,
        paused: c.consumer.paused,
        track: c.consumer.track.readyState,
      })),
      early: [...this.#early.keys()],
      peers: this.peers.map((p) => ({
        peerId: p.peerId,
        name: p.displayName,
        camera: !!p.camera,
        reconnecting: p.reconnecting,
      })),
    };
  }

  #teardownTransports() {
    for (const c of this.#consumers.values()) c.consumer.close();
    this.#consumers.clear();
    this.#consuming.clear();
    for (const p of this.#producers.values()) p.close();
    this.#producers.clear();
    this.#send?.close();
    this.#recv?.close();
    this.#send = this.#recv = null;
  }

  close() {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#retryTimer);
    this.#gen++;
    this.#teardownTransports();
    for (const off of this.#offs) off();
    this.#offs = [];
    this.#micTrack?.stop();
    this.#camTrack?.stop();
    this.localScreen?.getTracks().forEach((t) => t.stop());
    const c = this.#client;
    if (c) {
      void c.unsubscribe(this.topic).catch(() => {});
      if (this.#chatTopic) void c.unsubscribe(this.#chatTopic).catch(() => {});
    }
  }
}
