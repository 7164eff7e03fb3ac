import { button, emailLayout, para, type DomainEmail } from '../email/templates.ts';

/** The languages the guest invitation is written in (the recipient's account language if known). */
export type InviteLocale = 'en' | 'hi';

const TEXT = {
  en: {
    subject: (from: string) => `${from} invites you to join a video consultation`,
    heading: 'You are invited to a video consultation',
    body: (from: string, doctor: string) =>
      `${from} invites you to join a consultation with ${doctor} on Telehealth Hub, for example as an interpreter or carer. You do not need an account.`,
    how: 'Open the link, enter your name and wait: the doctor lets you in.',
    once: (mins: number) => `The link works once and expires in ${mins} minutes.`,
    action: 'Join the consultation',
  },
  hi: {
    subject: (from: string) => `${from} आपको एक वीडियो परामर्श में बुला रहे हैं`,
    heading: 'आपको एक वीडियो परामर्श में आमंत्रित किया गया है',
    body: (from: string, doctor: string) =>
      `${from} आपको Telehealth Hub पर ${doctor} के साथ परामर्श में शामिल होने के लिए बुला रहे हैं, जैसे दुभाषिए या देखभाल करने वाले के रूप में। इसके लिए खाते की ज़रूरत नहीं है।`,
    how: 'लिंक खोलें, अपना नाम लिखें और प्रतीक्षा करें: डॉक्टर आपको अंदर आने देंगे।',
    once: (mins: number) => `यह लिंक एक ही बार काम करता है और ${mins} मिनट में समाप्त हो जाएगा।`,
    action: 'परामर्श में शामिल हों',
  },
} as const;

/** The invitation e-mail: who invites, to whose consultation, the link. No health information. */
export function guestInviteEmail(o: {
  locale: InviteLocale;
  inviterName: string;
  doctorName: string;
  link: string;
  ttlMinutes: number;
}): DomainEmail {
  const t = TEXT[o.locale];
  const paragraphs = [t.body(o.inviterName, o.doctorName), t.how, t.once(o.ttlMinutes)];
  return {
    template: 'call_guest_invite',
    subject: t.subject(o.inviterName),
    html: emailLayout(t.heading, paragraphs.map(para).join('') + button(t.action, o.link)),
    text: `${t.heading}\n\n${paragraphs.join('\n\n')}\n\n${t.action}: ${o.link}\n`,
  };
}
