/**
 * Word lists the detectors use. The gazetteer of given names/surnames is deliberately a small,
 * general list of common Indian and US names: the evaluation generator keeps a held-out name list
 * that is asserted disjoint from it (eval/generate.ts) so the bench measures the context rules,
 * not memorisation.
 */

const words = (s: string): Set<string> =>
  new Set(
    s
      .trim()
      .split(/\s+/)
      .map((w) => w.toLowerCase()),
  );

export const GIVEN_NAMES = words(`
aarav aditya akash amit amitabh anil anjali ankit anita arjun arun asha ashok deepak deepika divya
ganesh geeta gita harish jyoti kavita kiran krishna lakshmi manoj meena mohan mukesh neha nikhil
pooja prakash priya rahul raj rajesh rakesh ramesh ravi rekha rohit sachin sanjay santosh sarita
shalini sheela shweta sneha sunil sunita suresh swati usha vijay vikram vinod yogesh pradeep
james john robert michael william david richard joseph thomas charles christopher daniel matthew
anthony donald steven paul andrew joshua kenneth kevin brian george edward ronald timothy jason
jeffrey ryan jacob gary nicholas eric stephen jonathan larry justin scott brandon frank benjamin
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa margaret
betty sandra ashley dorothy kimberly emily donna michelle carol amanda melissa deborah stephanie
rebecca laura sharon cynthia kathleen amy shirley angela helen anna brenda pamela nicole samantha
katherine christine debra rachel catherine carolyn janet maria heather diane julie joyce victoria
mohammed mohammad ahmed fatima aisha imran salman farhan zainab
`);

export const SURNAMES = words(`
sharma verma gupta singh kumar patel shah mehta joshi iyer iyengar nair menon reddy rao naidu pillai
das bose banerjee chatterjee mukherjee ghosh sen chopra kapoor malhotra khanna bhatia agarwal
jain yadav mishra pandey tiwari dubey chauhan thakur desai kulkarni patil pawar jadhav khan ali
hussain siddiqui qureshi fernandes dsouza pereira
smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez
wilson anderson taylor moore jackson martin lee thompson white harris clark lewis robinson walker
young allen king wright hill green adams nelson baker hall campbell mitchell carter roberts
`);

/** Words after which a capitalised token is a person's name. */
export const HONORIFICS = [
  'Mr',
  'Mrs',
  'Ms',
  'Miss',
  'Mx',
  'Dr',
  'Prof',
  'Professor',
  'Shri',
  'Sri',
  'Shrimati',
  'Smt',
  'Kumari',
  'Km',
  'Master',
  'Baby',
  'Sister',
  'Nurse',
  'Rev',
  'Capt',
  'Col',
  'Maj',
  'Sir',
  'Madam',
  'Mister',
  'Doctor',
  'Sr',
  'Begum',
  'Janab',
  'Sheikh',
  'Pt',
  'Sh',
  'Kum',
];

/** Clinical eponyms and capitalised medical words that look like surnames. */
export const EPONYMS = words(`
parkinson parkinson's parkinsons alzheimer alzheimer's alzheimers crohn crohn's crohns hodgkin hodgkin's
cushing cushing's addison addison's graves hashimoto hashimoto's bell bell's down down's turner turner's
marfan marfan's huntington huntington's guillain barre barré raynaud raynaud's sjogren sjogren's
kawasaki wilson's wilms paget paget's tourette tourette's asperger asperger's babinski kernig brudzinski
glasgow apgar murphy murphy's mcburney mcburney's homan homan's romberg tinel phalen lachman trendelenburg
valsalva heimlich foley fowler fowler's whipple bishop ludwig ludwig's colles colles' pott pott's
korotkoff kussmaul cheyne stokes sims epley dix hallpike rinne weber snellen gram ziehl neelsen
pap papanicolaou holter doppler widal mantoux coombs coombs' bence jones westergren hb1ac
`);

/**
 * Capitalised words that are never (part of) a person's name in a note: headings, clinical terms,
 * units, places-of-care, weekdays, months. A name run stops at these.
 */
export const NON_NAME_WORDS = words(`
patient patients pt name age sex gender male female dob date time mrn uhid id no number phone mobile tel email
address contact emergency hospital clinic centre center department dept ward bed room unit icu opd ipd er
report reports summary discharge admission admitted diagnosis diagnoses impression plan history hpi
examination exam findings investigations investigation results result medications medication meds
drug drugs dose allergies allergy vitals vital signs bp hr rr spo2 temp temperature pulse weight height
bmi blood test tests lab labs laboratory pathology radiology cardiology neurology medicine surgery
general internal family pediatrics paediatrics obstetrics gynaecology gynecology orthopaedics orthopedics ent
dermatology psychiatry oncology nephrology urology endocrinology gastroenterology pulmonology
ophthalmology dentistry physiotherapy nursing pharmacy referral refer referred reason consultation
follow followup follow-up review advice advised instructions condition stable improved course
complaint complaints chief presenting past social family plan assessment subjective objective
hemoglobin haemoglobin glucose creatinine urea sodium potassium chloride bilirubin albumin platelet
platelets wbc rbc esr crp tsh hba1c ldl hdl cholesterol triglycerides ecg ekg echo xray x-ray ct mri usg
ultrasound scan chest abdomen head neck heart lung lungs liver kidney kidneys brain spine left right
type diabetes mellitus hypertension asthma copd tuberculosis tb covid covid-19 dengue malaria typhoid
fever cough cold pain headache nausea vomiting diarrhea diarrhoea fatigue
tablet tab tabs capsule cap syrup injection inj mg ml mcg iu units od bd tds qid hs sos prn stat
monday tuesday wednesday thursday friday saturday sunday today tomorrow yesterday
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
india usa us uk state city district pin zip road street st nagar colony
the a an and or of to in on at for with by from is was are were be been has have had this that
he she they we you i my his her their our your it its hi hello dear thanks thank regards sincerely
yes no not none nil normal abnormal positive negative high low mild moderate severe acute chronic
new old known k/c c/o s/o d/o w/o h/o o/e
signed signature dictated verified reviewed approved consultant physician doctor resident registrar
md mbbs ms dnb frcs mrcp rn np do dm mch phd bds mds dch dgo facp facc
insurance policy member group claim account passport aadhaar pan ssn
mother father son daughter wife husband brother sister spouse guardian relative friend
please kindly note also ok okay sure sorry good morning evening night
impression conclusion comments remarks note notes sample specimen collected received
reference range interval method units value flag status final preliminary
apollo fortis max aiims manipal narayana medanta kokilaben
hosp addr acct signup login logout app otp portal hii hiii vanakkam namaskar namaste sat shree
clinic polyclinic diagnostics pincode postcode zipcode east west north south central
`);

/** Lowercase function words that end a lowercase-chat name candidate. */
export const COMMON_LOWER = words(`
a an the and or but if then so as at by for from in into of on onto to up with without about after
before during since until while is are was were be been being am do does did done has have had having
will would shall should can could may might must not no yes ok okay also too very just only still
already again ever never always sometimes here there this that these those it its he she they we you
i me my mine him his her hers them their our your yours us who whom whose which what when where why how
said says told tells asked gave given prescribed advised saw seen see check checked call called
sir madam mam maam ji bhai beta doc doctor please thanks thank hello hi hey dear kindly sorry
feeling feel fine better worse sick ill unwell having got get getting taking take took
since today tomorrow yesterday morning evening night week weeks day days month months year years
pain fever cough cold headache vomiting bleeding
`);

export const CREDENTIALS = [
  'MD',
  'MBBS',
  'MS',
  'DNB',
  'FRCS',
  'MRCP',
  'RN',
  'NP',
  'PA-C',
  'DO',
  'DM',
  'MCh',
  'PhD',
  'BDS',
  'MDS',
  'DCH',
  'DGO',
  'FACP',
  'FACC',
  'MPH',
  'BSN',
  'LPN',
  'FRCP',
  'MRCOG',
  'FRCOG',
  'DPM',
  'FCPS',
];

/**
 * Kinship and respect words of Indian languages and Indian English that stand next to a name
 * ("ramesh bhaiya", "Sharma ji", "nani kamla", "uncle raju"). The name beside them is redacted,
 * the word itself is not an identifier and stays.
 */
export const KINSHIP = words(`
bhaiya bhaiyya bhaiyaa bhaia bhai bhaijaan didi di jiji ji jee amma ammi ammaji appa appaji akka anna annaa
thambi thatha paati ajji ajja aai aaji baba bapu abba abbu abbaji dada dadi dadaji dadiji nana nani nanaji
naniji chacha chachi chachu chachaji tau tauji tai taiji mama mami mamaji mausi masi mausa mausaji bua
phupho phuphi phuphaji fufa jiju jijaji bhabhi bhabhiji bhauji behen behan bahen behna beta beti bitiya
uncle aunty auntie aunt sahab saab saheb sahib garu gaaru chechi chettan chetta etta ettan kaka kaki bhau
mai maiya ben bhen anni machan mamu mamujaan khala khalu phuppo phuppi nanu nanijaan dadijaan ammijaan beti bahu saas sasur pati patni biwi maa
abuela abuelo abuelita abuelito tio tío nonna nonno oma opa tito lolo nanima dadima naniamma
`);

/** English family words used bare in chat before a name ("pops michael", "my nan megan", "grandma rose"). */
export const ENGLISH_KIN = words(`
mom mum mummy mommy momma dad daddy papa pops pop nan nana nanna nanny gran granny grandma grandpa grandad
granddad grandmother grandfather gramps grammy
`);

/**
 * Roman-script Hindi and chat words: lower-case tokens that are never a name even though no English
 * dictionary knows them ("mere bhai ko bukhar hai").
 */
export const CHAT_COMMON = words(`
hai hain ho hoon hu hun tha thi the ka ki ke ko se me mein mai main mera meri mere tera teri tere uska uski
uske unka unki unke apna apni apne hum ham humara hamara tum tumhara aap aapka aapki aapke yeh ye yah woh wo
vo voh kya kyu kyun kyon kaise kaisa kab kahan kaha kitna kitni kitne bahut bohot bahot thoda thodi thode
zyada jyada jada abhi kal aaj parso raat rat subah shaam sham din hafte hafta mahine mahina saal bukhar
bukhaar bhukhar dard khansi khasi zukam jukam ulti ultiyan dast loose chakkar kamzori sujan soojan khujli
jalan saans sans dawai dawa dava goli diya diye de do dena lena liya li le lo kar karo karna kiya kiye raha
rahi rahe rha rhi hona hua hui hue gaya gayi gaye gya gyi aaya aayi aaye aya ayi aa ja jana jao nahi nahin
nai na haan han hanji accha acha achha achchha theek thik thek sahi galat bhi aur ya lekin par pe wala wali
wale bol bolo bola boli bata batao bataye bataiye sakta sakti sakte chahiye chahie kripya krupya dhanyavaad
dhanyavad dhanyawad dhanyawaad shukriya namaste namaskar namaskaram pranam salaam salam vanakkam beemar bimar
bimaar pareshan pareshaan tension takleef taklif ilaaj ilaj jaanch janch sab kuch kuchh koi kisi kaun jab
tab agar phir fir toh to bas sirf lagta lagti lag raha rahi gayi hota hoti hote kam zyada pehle baad saath
sath liye liya khana khaana khaya khayi pani paani doodh chai neend sona uth baith chal chalna peena
aana jaana wahan yahan idhar udhar upar neeche andar bahar bada badi bade chhota chhoti chhote chota choti
naya nayi purana purani mujhe mujhko humein unhe unko usko isko inko usse unse isse kuchh kisi jo jis jin
pls plz plss pleasee thx thnx thanx ty tysm tq thanku thnku thankyou u ur r k kk ok okk okay okie hmm hm ya
yaa yeah yup nope msg dm asap btw fyi lol idk rn abt wrt coz cuz bcoz bcz becoz wud shud cud gud nd n
doc docs mam maam madam sir sirji hii hiii hiiii helo hlo hey heyy gm gn morning evening
`);
