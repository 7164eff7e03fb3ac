// Small things a first visit hits, and the accessibility helpers' words.
// Both languages live here; `firstVisitHi` must carry every key of `firstVisitEn` (the type says so).
export const firstVisitEn = {
  'firstVisit.onCallNow': 'On call now',
  'firstVisit.onCallLead':
    'See {name} today without a booking: a short symptom check, then the waiting room.',
  'firstVisit.joinWaitingRoom': 'Join the waiting room',
  'firstVisit.forDoctor': 'After this check you can join the waiting room of {name}.',
  'firstVisit.notOnCallAnymore':
    '{name} is no longer on call. You can join another doctor below or book a time.',
  'firstVisit.findingOnCall': 'Looking for doctors on call…',
} as const satisfies Record<string, string>;

export const firstVisitHi: Record<keyof typeof firstVisitEn, string> = {
  'firstVisit.onCallNow': 'अभी उपलब्ध',
  'firstVisit.onCallLead': 'बिना अपॉइंटमेंट के आज ही {name} से मिलें: पहले लक्षणों की छोटी-सी जाँच, फिर प्रतीक्षा कक्ष।',
  'firstVisit.joinWaitingRoom': 'प्रतीक्षा कक्ष में जाएँ',
  'firstVisit.forDoctor': 'इस जाँच के बाद आप {name} के प्रतीक्षा कक्ष में जा सकते हैं।',
  'firstVisit.notOnCallAnymore':
    '{name} अब उपलब्ध नहीं हैं। आप नीचे किसी दूसरे डॉक्टर से मिल सकते हैं या समय बुक कर सकते हैं।',
  'firstVisit.findingOnCall': 'अभी उपलब्ध डॉक्टर ढूँढ़ रहे हैं…',
};
