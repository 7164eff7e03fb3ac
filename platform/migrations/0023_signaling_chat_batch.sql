-- Group commit for chat (signaling/src/chat/writer.ts): appends a batch of messages in one call.
-- Same rules as the single-message statement in chat/store.ts: sender must be a participant, the
-- conversation open, (conversation, sender, client_msg_id) new (first copy in the batch wins), and
-- sequence numbers per conversation without holes. A function keeps the plan cached and the wire
-- short: the batch travels as one jsonb array [{c: conversation, s: sender, k: client id, b: body,
-- a: attachments}], and rows come back by their 1-based position in it.
CREATE FUNCTION chat_append_batch(batch jsonb)
RETURNS TABLE (ord bigint, seq bigint, id uuid, created_ms float8)
LANGUAGE sql AS $$
WITH input AS (
  SELECT i.ord, (i.m->>'c')::uuid AS conversation_id, (i.m->>'s')::uuid AS sender_id,
         i.m->>'k' AS client_msg_id, i.m->>'b' AS body, COALESCE(i.m->'a', '[]'::jsonb) AS attachments
    FROM jsonb_array_elements(batch) WITH ORDINALITY AS i(m, ord)
), ok AS (
  SELECT i.* FROM input i
    JOIN conversations c ON c.id = i.conversation_id AND (c.open_until IS NULL OR c.open_until > now())
   WHERE EXISTS (SELECT 1 FROM conversation_participants p
                  WHERE p.conversation_id = i.conversation_id AND p.user_id = i.sender_id)
     AND NOT EXISTS (SELECT 1 FROM chat_messages m
                      WHERE m.conversation_id = i.conversation_id AND m.sender_id = i.sender_id
                        AND m.client_msg_id = i.client_msg_id)
     AND i.ord = (SELECT min(j.ord) FROM input j
                   WHERE j.conversation_id = i.conversation_id AND j.sender_id = i.sender_id
                     AND j.client_msg_id = i.client_msg_id)
), counts AS (
  SELECT conversation_id, count(*) AS n FROM ok GROUP BY conversation_id
), bumped AS (
  UPDATE conversations c SET last_seq = c.last_seq + counts.n
    FROM counts WHERE c.id = counts.conversation_id
  RETURNING c.id, c.last_seq - counts.n AS base
), numbered AS (
  SELECT ok.*, b.base + row_number() OVER (PARTITION BY ok.conversation_id ORDER BY ok.ord) AS seq
    FROM ok JOIN bumped b ON b.id = ok.conversation_id
), ins AS (
  INSERT INTO chat_messages (conversation_id, seq, sender_id, client_msg_id, body, attachments)
  SELECT conversation_id, seq, sender_id, client_msg_id, body, attachments FROM numbered
  RETURNING conversation_id, sender_id, client_msg_id, seq, id, created_at
)
SELECT n.ord, ins.seq, ins.id, (extract(epoch FROM ins.created_at) * 1000)::float8
  FROM ins JOIN numbered n USING (conversation_id, sender_id, client_msg_id)
$$;
