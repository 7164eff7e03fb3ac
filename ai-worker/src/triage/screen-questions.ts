import { z } from 'zod';

/**
 * The structured red-flag screen: short yes / no / not sure questions asked before (or beside) the
 * free text, as NHS 111 online does. A patient who ticks "yes" to "is the face drooping?" is not at
 * the mercy of how well a rule reads their prose. Pure data: the selector and the merge with the
 * rules result live in screen.ts; this file imports nothing but zod so that schema.ts can validate
 * answers against these codes without an import cycle.
 *
 * Sources (wording is ours, in plain language a relative can answer):
 * - NHS "when to call 999" (nhs.uk/nhs-services/urgent-and-emergency-care-services/when-to-call-999)
 * - NICE NG143 (fever in under 5s) traffic-light table: the red column
 * - NHS pregnancy pages: "call your midwife or maternity unit immediately" / "call 999"
 * - NHS / NICE NG225 self-harm: a plan or means, or harm already done, is an emergency
 * - WHO snakebite guidance: any suspected bite goes to hospital at once
 *
 * Codes are stable identifiers: they are stored with every assessment (triage_assessments.input)
 * and appear as red-flag codes, so rename never; retire a code by leaving it unselected.
 */

/** Display order is this order. */
export const SCREEN_CODES = [
  'infant_fever',
  'u5_colour',
  'u5_no_response',
  'u5_breathing',
  'u5_weak_cry',
  'u5_fit',
  'u5_dehydration',
  'chest_pain',
  'stroke',
  'severe_breathing',
  'heavy_bleeding',
  'fit_or_unconscious',
  'severe_allergy',
  'sudden_headache_confusion',
  'serious_injury',
  'nonblanching_rash',
  'snake_bite',
  'testicle_pain',
  'ectopic_signs',
  'preg_bleeding',
  'preg_fit',
  'preg_headache_vision',
  'preg_abdo_pain',
  'preg_movements',
  'mh_suicide_plan',
  'mh_self_harm_now',
] as const;
export type ScreenCode = (typeof SCREEN_CODES)[number];

export const SCREEN_ANSWERS = ['yes', 'no', 'unsure'] as const;
export type ScreenAnswer = (typeof SCREEN_ANSWERS)[number];

export const SCREEN_LANGS = ['en', 'hi'] as const;
export type ScreenLang = (typeof SCREEN_LANGS)[number];

export const SCREEN_GROUPS = ['under5', 'adult', 'general', 'sex', 'pregnancy', 'mental_health'] as const;
export type ScreenGroup = (typeof SCREEN_GROUPS)[number];

/** What a "yes" tells the patient to do now. Every one of them is priority `emergency`. */
export const SCREEN_ACTIONS = ['call_emergency', 'call_maternity', 'crisis'] as const;
export type ScreenAction = (typeof SCREEN_ACTIONS)[number];

type Sex = 'female' | 'male' | 'other' | 'unknown';
type Text = Readonly<Record<ScreenLang, string>>;

export interface ScreenQuestionDef {
  group: ScreenGroup;
  /** Who is asked. Ages in years, minAge inclusive, maxAge exclusive (0.25 = 3 months). */
  who: {
    minAge?: number;
    maxAge?: number;
    sex?: readonly Sex[];
    /** true: only when the patient says she is pregnant; false: only when she has not said so. */
    pregnant?: boolean;
  };
  /** General questions this one stands in for when both apply (keeps the set short). */
  replaces?: readonly ScreenCode[];
  action: ScreenAction;
  /** English, for the doctor: the red-flag label and the queue summary. */
  label: string;
  text: Text;
}

export const SCREEN_QUESTIONS: Readonly<Record<ScreenCode, ScreenQuestionDef>> = {
  // NICE NG143 red: under 3 months with a temperature of 38 °C or more.
  infant_fever: {
    group: 'under5',
    who: { maxAge: 0.25 },
    action: 'call_emergency',
    label: 'Baby under 3 months with a temperature of 38 °C or more',
    text: {
      en: 'Is your baby’s temperature 38 °C (100.4 °F) or higher?',
      hi: 'क्या शिशु का तापमान 38 °C (100.4 °F) या उससे ज़्यादा है?',
    },
  },
  u5_colour: {
    group: 'under5',
    who: { maxAge: 5 },
    action: 'call_emergency',
    label: 'Child: pale, mottled, blue or grey skin, lips or tongue',
    text: {
      en: 'Is your child’s skin, lips or tongue pale, blotchy (mottled), blue or grey?',
      hi: 'क्या बच्चे की त्वचा, होंठ या जीभ बहुत पीली, धब्बेदार, नीली या स्लेटी दिख रही है?',
    },
  },
  u5_no_response: {
    group: 'under5',
    who: { maxAge: 5 },
    action: 'call_emergency',
    label: 'Child: not responding, hard to wake or floppy',
    text: {
      en: 'Is your child not responding to you, very hard to wake (or not staying awake), or floppy?',
      hi: 'क्या बच्चा आपकी आवाज़ या छूने पर कोई प्रतिक्रिया नहीं दे रहा, बहुत मुश्किल से जाग रहा है (या जागा नहीं रह पाता), या ढीला पड़ गया है?',
    },
  },
  u5_breathing: {
    group: 'under5',
    who: { maxAge: 5 },
    action: 'call_emergency',
    label: 'Child: choking, grunting, very fast breathing or chest indrawing',
    text: {
      en: 'Is your child choking, grunting, breathing very fast, or is the skin between or below the ribs sucking in with each breath?',
      hi: 'क्या बच्चे का दम घुट रहा है, साँस लेते समय घुरघुराहट की आवाज़ आ रही है, वह बहुत तेज़ साँस ले रहा है, या हर साँस के साथ पसलियों के बीच या नीचे की त्वचा अंदर धँस रही है?',
    },
  },
  u5_weak_cry: {
    group: 'under5',
    who: { maxAge: 5 },
    action: 'call_emergency',
    label: 'Child: weak, high-pitched or continuous cry',
    text: {
      en: 'Does your child have a weak, high-pitched or non-stop cry?',
      hi: 'क्या बच्चा कमज़ोर आवाज़ में, तीखी ऊँची आवाज़ में या लगातार रो रहा है?',
    },
  },
  u5_fit: {
    group: 'under5',
    who: { maxAge: 5 },
    action: 'call_emergency',
    label: 'Child: fit (seizure)',
    text: {
      en: 'Has your child had a fit (seizure)?',
      hi: 'क्या बच्चे को दौरा (झटके) पड़ा है?',
    },
  },
  u5_dehydration: {
    group: 'under5',
    who: { maxAge: 5 },
    action: 'call_emergency',
    label: 'Child: no wet nappy for 12 hours or not drinking (dehydration)',
    text: {
      en: 'Has your child had no wet nappy (or not passed urine) for 12 hours or more, or stopped drinking?',
      hi: 'क्या बच्चे ने 12 घंटे या उससे ज़्यादा समय से पेशाब नहीं किया है (डायपर गीला नहीं हुआ), या पीना बंद कर दिया है?',
    },
  },
  chest_pain: {
    group: 'adult',
    who: { minAge: 16 },
    action: 'call_emergency',
    label: 'Chest pain or pressure spreading, or with sweating / breathlessness',
    text: {
      en: 'Is there chest pain, pressure, heaviness or tightness that spreads to the arm, jaw, neck or back, or comes with sweating, feeling sick or being short of breath?',
      hi: 'क्या सीने में दर्द, दबाव, भारीपन या जकड़न है जो बाँह, जबड़े, गर्दन या पीठ तक जाती है, या साथ में पसीना, जी मिचलाना या साँस फूलना है?',
    },
  },
  stroke: {
    group: 'adult',
    who: { minAge: 16 },
    action: 'call_emergency',
    label: 'Face drooping, arm weakness or speech problems (stroke signs)',
    text: {
      en: 'Has the face dropped on one side, is one arm weak or unable to stay raised, or is speech slurred or muddled — even if it is getting better?',
      hi: 'क्या चेहरा एक तरफ़ लटक गया है, एक बाँह कमज़ोर है या उठाकर रुक नहीं रही, या बोली लड़खड़ा रही है या उलझी हुई है — भले ही अब कुछ ठीक लग रहा हो?',
    },
  },
  severe_breathing: {
    group: 'general',
    who: { minAge: 5 },
    action: 'call_emergency',
    label: 'Severe difficulty breathing, choking, or blue / grey lips',
    text: {
      en: 'Is there a struggle to breathe — too breathless to speak in full sentences, choking, or lips or skin turning blue or grey?',
      hi: 'क्या साँस लेने में बहुत तकलीफ़ है — इतनी कि पूरा वाक्य न बोल पाएँ, दम घुट रहा हो, या होंठ या त्वचा नीली या स्लेटी पड़ रही हो?',
    },
  },
  heavy_bleeding: {
    group: 'general',
    who: { minAge: 5 },
    action: 'call_emergency',
    label: 'Heavy, spurting or uncontrolled bleeding',
    text: {
      en: 'Is there heavy bleeding, blood spurting, or bleeding that does not stop when pressed firmly?',
      hi: 'क्या बहुत ज़्यादा खून बह रहा है, खून धार से निकल रहा है, या ज़ोर से दबाने पर भी खून नहीं रुक रहा?',
    },
  },
  fit_or_unconscious: {
    group: 'general',
    who: { minAge: 5 },
    action: 'call_emergency',
    label: 'Fit (first ever or over 5 minutes), collapse or unconscious',
    text: {
      en: 'Has there been a fit (seizure) — a first one, or one lasting more than 5 minutes — or has the person collapsed or cannot be woken?',
      hi: 'क्या दौरा (झटके) पड़ा है — पहली बार, या 5 मिनट से ज़्यादा देर तक — या व्यक्ति गिर पड़ा है या जगाने पर नहीं जाग रहा?',
    },
  },
  severe_allergy: {
    group: 'general',
    who: {},
    action: 'call_emergency',
    label: 'Severe allergic reaction (swelling of lips, tongue or throat, wheeze)',
    text: {
      en: 'After a food, sting, bite or medicine: sudden swelling of the lips, mouth, tongue or throat, wheezing, a tight throat, or feeling faint?',
      hi: 'कोई खाना, डंक, काटने या दवा के बाद: होंठ, मुँह, जीभ या गले में अचानक सूजन, साँस में सीटी जैसी आवाज़, गला कसना, या चक्कर/बेहोशी जैसा लगना?',
    },
  },
  sudden_headache_confusion: {
    group: 'adult',
    who: { minAge: 16 },
    action: 'call_emergency',
    label: 'Sudden severe headache (worst ever) or sudden confusion',
    text: {
      en: 'A sudden, very severe headache (the worst ever), or sudden confusion — not knowing where they are or not making sense?',
      hi: 'क्या अचानक बहुत तेज़ सिरदर्द हुआ है (अब तक का सबसे बुरा), या अचानक भ्रम — पता न होना कि कहाँ हैं, या बेतुकी बातें करना?',
    },
  },
  serious_injury: {
    group: 'general',
    who: { minAge: 5 },
    action: 'call_emergency',
    label: 'Serious injury: bad head injury, large burn, or neck / back injury with weak or numb legs',
    text: {
      en: 'A serious injury: a bad head injury, a large or deep burn or scald, or a neck or back injury with weak or numb legs?',
      hi: 'कोई गंभीर चोट: सिर में गहरी चोट, बड़ा या गहरा जलना, या गर्दन या पीठ की चोट के साथ पैरों में कमज़ोरी या सुन्नपन?',
    },
  },
  nonblanching_rash: {
    group: 'general',
    who: {},
    action: 'call_emergency',
    label: 'Rash that does not fade under a glass',
    text: {
      en: 'Is there a rash that does not fade when a clear glass is pressed firmly against it?',
      hi: 'क्या ऐसे दाने या चकत्ते हैं जो साफ़ काँच का गिलास ज़ोर से दबाने पर भी फीके नहीं पड़ते?',
    },
  },
  snake_bite: {
    group: 'general',
    who: {},
    action: 'call_emergency',
    label: 'Snakebite (known or suspected)',
    text: {
      en: 'Has there been a snakebite, or might there have been one?',
      hi: 'क्या साँप ने काटा है, या काटने का शक है?',
    },
  },
  testicle_pain: {
    group: 'sex',
    who: { minAge: 1, sex: ['male'] },
    action: 'call_emergency',
    label: 'Sudden severe pain in a testicle',
    text: {
      en: 'Sudden, severe pain in a testicle (ball) or the scrotum?',
      hi: 'क्या अंडकोष में या उसकी थैली में अचानक तेज़ दर्द है?',
    },
  },
  // Early pregnancy is often not known yet: asked of every woman of child-bearing age who has not
  // said she is pregnant (a pregnant patient gets the pregnancy questions instead).
  ectopic_signs: {
    group: 'sex',
    who: { minAge: 12, maxAge: 56, sex: ['female'], pregnant: false },
    action: 'call_emergency',
    label: 'Possible pregnancy with one-sided lower tummy or shoulder-tip pain, or fainting (ectopic signs)',
    text: {
      en: 'Could you be pregnant, and do you have sudden, severe pain low in your tummy on one side, pain at the tip of your shoulder, or feel faint?',
      hi: 'क्या आप गर्भवती हो सकती हैं, और क्या पेट के निचले हिस्से में एक तरफ़ अचानक तेज़ दर्द, कंधे के सिरे पर दर्द, या बेहोशी जैसा लग रहा है?',
    },
  },
  preg_bleeding: {
    group: 'pregnancy',
    who: { pregnant: true },
    action: 'call_emergency',
    label: 'Pregnancy: heavy vaginal bleeding or clots',
    text: {
      en: 'Are you bleeding heavily from the vagina, or passing blood clots?',
      hi: 'क्या योनि से बहुत ज़्यादा खून बह रहा है, या खून के थक्के निकल रहे हैं?',
    },
  },
  preg_fit: {
    group: 'pregnancy',
    who: { pregnant: true },
    // Any fit in pregnancy is an emergency (eclampsia), not only a first or long one.
    replaces: ['fit_or_unconscious'],
    action: 'call_emergency',
    label: 'Pregnancy: fit (seizure), collapse or unconscious',
    text: {
      en: 'Have you had a fit (seizure) of any kind, collapsed, or been unconscious?',
      hi: 'क्या आपको किसी भी तरह का दौरा (झटके) पड़ा है, आप गिर पड़ी हैं, या बेहोश हुई हैं?',
    },
  },
  preg_headache_vision: {
    group: 'pregnancy',
    who: { pregnant: true },
    action: 'call_maternity',
    label: 'Pregnancy: severe headache with vision changes or sudden swelling (pre-eclampsia signs)',
    text: {
      en: 'A severe headache that does not go away, with blurred vision, flashing lights, or sudden swelling of your face, hands or feet?',
      hi: 'क्या ऐसा तेज़ सिरदर्द है जो ठीक नहीं हो रहा, और साथ में धुँधला दिखना, आँखों के आगे चमक, या चेहरे, हाथों या पैरों में अचानक सूजन है?',
    },
  },
  preg_abdo_pain: {
    group: 'pregnancy',
    who: { pregnant: true },
    action: 'call_maternity',
    label: 'Pregnancy: severe or constant tummy pain',
    text: {
      en: 'Severe or constant pain in your tummy that does not go away?',
      hi: 'क्या पेट में तेज़ या लगातार दर्द है जो ठीक नहीं हो रहा?',
    },
  },
  preg_movements: {
    group: 'pregnancy',
    who: { pregnant: true },
    action: 'call_maternity',
    label: 'Pregnancy: baby moving less than usual or not at all',
    text: {
      en: 'Has your baby stopped moving, or is it moving less than usual? (Answer “no” if you have not felt movements yet.)',
      hi: 'क्या पेट में बच्चे ने हिलना बंद कर दिया है, या वह सामान्य से कम हिल रहा है? (अगर अभी तक हलचल महसूस नहीं हुई है, तो “नहीं” चुनें।)',
    },
  },
  mh_suicide_plan: {
    group: 'mental_health',
    who: { minAge: 10 },
    action: 'crisis',
    label: 'Thoughts of ending their life with a plan or the means',
    text: {
      en: 'Are you thinking of ending your life and have a plan, or have you got the means (such as tablets, poison or a rope)?',
      hi: 'क्या आप अपनी जान लेने के बारे में सोच रहे हैं और आपने कोई योजना बनाई है, या इसके साधन (जैसे गोलियाँ, ज़हर या रस्सी) जुटा लिए हैं?',
    },
  },
  mh_self_harm_now: {
    group: 'mental_health',
    who: { minAge: 10 },
    action: 'crisis',
    label: 'Self-harm or overdose just now',
    text: {
      en: 'Have you just harmed yourself, or taken too many tablets, poison or another substance?',
      hi: 'क्या आपने अभी खुद को चोट पहुँचाई है, या बहुत सारी गोलियाँ, ज़हर या कोई और चीज़ खा ली है?',
    },
  },
};

/**
 * What the patient is told after a "yes". `{number}` is the emergency number of the patient's
 * country when the host knows it, else EMERGENCY_NUMBER_FALLBACK.
 */
export const SCREEN_ACTION_TEXT: Readonly<Record<ScreenAction, Text>> = {
  call_emergency: {
    en: 'Call {number} now or go to the nearest emergency department. Do not wait for an online consultation.',
    hi: 'अभी {number} पर कॉल करें या सबसे नज़दीकी इमरजेंसी विभाग जाएँ। ऑनलाइन परामर्श का इंतज़ार न करें।',
  },
  call_maternity: {
    en: 'Call your maternity unit or labour ward now. If you cannot reach them, call {number}. Do not wait for an online consultation.',
    hi: 'अभी अपने प्रसूति विभाग (मैटरनिटी यूनिट या लेबर वार्ड) को फ़ोन करें। अगर उनसे संपर्क न हो पाए तो {number} पर कॉल करें। ऑनलाइन परामर्श का इंतज़ार न करें।',
  },
  crisis: {
    en: 'Call {number} now or go to the nearest emergency department. Stay with someone you trust and keep away from anything you could harm yourself with. You can also talk to a crisis line now (Tele-MANAS 14416 in India, Samaritans 116 123 in the UK, 988 in the US).',
    hi: 'अभी {number} पर कॉल करें या सबसे नज़दीकी इमरजेंसी विभाग जाएँ। किसी भरोसेमंद व्यक्ति के साथ रहें और ऐसी हर चीज़ से दूर रहें जिससे आप खुद को नुकसान पहुँचा सकते हैं। आप अभी किसी संकट हेल्पलाइन से भी बात कर सकते हैं (भारत में टेली-मानस 14416)।',
  },
};

/** Said in place of `{number}` when the patient's country is not known. */
export const EMERGENCY_NUMBER_FALLBACK: Text = {
  en: 'your local emergency number (112 in India, 999 in the UK, 911 in the US)',
  hi: 'अपने स्थानीय आपातकालीन नंबर (भारत में 112)',
};

/** Screen answers as the triage input carries them: known codes, each at most once. */
export const ScreenAnswersSchema = z
  .array(z.object({ code: z.enum(SCREEN_CODES), answer: z.enum(SCREEN_ANSWERS) }))
  .max(SCREEN_CODES.length)
  .superRefine((answers, ctx) => {
    const seen = new Set<string>();
    answers.forEach((a, i) => {
      if (seen.has(a.code))
        ctx.addIssue({ code: 'custom', message: `"${a.code}" is answered twice`, path: [i, 'code'] });
      seen.add(a.code);
    });
  });
export type ScreenAnswers = z.infer<typeof ScreenAnswersSchema>;
