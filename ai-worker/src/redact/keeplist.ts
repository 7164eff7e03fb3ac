/**
 * Clinical words that look like names and must survive redaction: drug brands (India, UK, US),
 * eponymous diseases and signs, scores and scales, tests, operations. Written from general clinical
 * knowledge (BNF/CIMS-style brand names, standard eponyms), not from any evaluation set; the
 * generic rules in keep.ts (a capitalised word before "syndrome", "score", "procedure", a dose…)
 * cover what a list cannot.
 *
 * Matching is per token, lower-cased, accents folded, possessive stripped ("Ménière's" → meniere).
 * Two strengths:
 *  - listed words are kept wherever they stand, unless a strong name cue (Dr, Mr, "Patient:")
 *    precedes them;
 *  - AMBIGUOUS words are also common surnames or given names (Wilson, Down, Bell, Thomas…): they are
 *    kept only in a clinical frame (possessive + disease noun, "X score", "X test"…).
 */

const words = (s: string): string[] =>
  s
    .trim()
    .split(/\s+/)
    .map((w) => w.toLowerCase());

export const DRUG_BRANDS_IN = words(`
dolo crocin calpol pacimol sumo combiflam saridon disprin metacin febrex paracip pyrigesic zerodol zerodol-sp
zerodol-p hifenac hifenac-p aceclo nise nimulid voveran dynapar meftal meftal-spas meftal-forte cyclopam
spasmonil drotin cheston sinarest coldact d-cold okacet cetzine alerid levocet montair montair-lc montek
montek-lc avil atarax ascoril corex grilinctus tossex chericof zedex honitus benadryl azithral azee zithrox
moxclav clavam novamox mox taxim taxim-o monocef ciplox cifran norflox norflox-tz oflox zenflox metrogyl ornof
oflomac doxt zifi cefolac pan pan-d pantocid pantop razo razo-d rablet omez omez-d nexpro esoz ocid rantac
aciloc zinetac digene gelusil mucaine sucrafil ondem emeset vomikind domstal perinorm sporlac enterogermina
bifilac vizylac darolac electral enerzal walyte eldoper lomofen dulcoflex cremaffin duphalac looz softovac
isabgol sat-isabgol liv liv-52 liv52 udiliv ursocol hepamerz becosules zincovit supradyn revital neurobion
neurobion-forte evion shelcal calcimax uprise-d3 calcirol d-rise limcee celin livogen autrin dexorange orofer
feronia fefol thyronorm eltroxin thyrox lethyrox glycomet glycomet-gp gluconorm janumet istavel galvus
galvus-met zomelis jalra tenepride trajenta amaryl glimy gemer volix glizid reclimet obimet carbophage istamet
telma telma-h telma-am telmikind cilacar amlong amlokind amlodac stamlo olmezest olmat losar repace covance
losacar nebicard nebistar concor metolar met-xl cardivas atocor atorva storvas lipicard tonact rozavel rosuvas
ecosprin ecosprin-av clopilet clavix deplatt sorbitrate nikoran monit ranolaz dytor dilzem depin calaptin
alprax restyl trika zolfresh nitrosun lonazep clonotril petril sertima serta nexito stalopam fludac prodep
oleanz sizodon qutipin arip valparin encorate epsolin eptoin levipil levera gabapin pregeb tegretol oxetol
lamitor duolin levolin asthalin foracort budecort seroflo formonide duova salbair deriphyllin nasivion
otrivin nasoclear candid candid-b clocip quadriderm betnovate betnovate-n fourderm soframycin silverex burnol
boroline volini moov iodex zandu amrutanjan relispray omnigel dolonex nicip brufen ibugesic flexon paracetamol
cipladine betadine meprate primolut-n regestrone deviry duphaston susten mala-d i-pill ovral folvite dexona
wysolone omnacortil medrol defcort predmet stemetil vertin vertigon stugeron diamox ultracet tramazac
contramal etoshine etova nucoxia arcoxia enzoflam signoflam tryptomer amitone anxit zapiz placida clonafit
sompraz raciper veloz cyra happi pantosec ulgel polybion bevon zevit cobadex cobadex-czs nurokind methylcobal
mecobal meganeuron pregalin dolo-650 crocin-advance t-bact candiforce fluka zocon itraconazole
sebifin terbicip lulifin luliconazole clotrimazole ketoconazole nizral selsun scalpe permite scabper
lycored evion-400 a-to-z dexorange hb-up cobalamin ors pedialyte glucon-d glucose-d horlicks protinex
ensure pediasure vicks vaporub halls strepsils cofsils koflet vicks-action-500 disprin-cv alex benadryl-dr
chymoral chymoral-forte dolo-tr crocin-cold cheston-cold sinarest-af solvin solvin-cold nasoclear-f
`);

export const DRUG_BRANDS_UK = words(`
calpol nurofen nurofen-plus anadin anadin-extra solpadeine panadol panadol-extra lemsip beechams night-nurse
day-nurse sudafed benylin covonia strepsils tyrozets piriton clarityn zirtek beconase piriteze pirinase otrivine
gaviscon gaviscon-advance rennie peptac imodium dioralyte buscopan senokot movicol fybogel dulcolax canesten
daktarin lamisil fucidin fucibet bactroban germolene savlon sudocrem e45 diprobase doublebase epaderm oilatum
aveeno cetraben hydromol zeroderm dermol eumovate dermovate elocon timodine trimovate daktacort voltarol
deep-heat ibuleve bonjela calgel anbesol clenil qvar fostair seretide symbicort relvar ventolin salamol
easyhaler atrovent spiriva flixotide flutiform duoresp trimbow incruse anoro ultibro adcal adcal-d3 calceos
fultium invita-d3 ferrograd pregaday galfer feroglobin microgynon rigevidon yasmin cerazette levonelle ellaone
nexplanon mirena utrogestan estradot evorel elleste oestrogel femoston kliofem livial tramacet zapain
solpadol kapake oramorph zomorph oxynorm longtec butrans transtec matrifen durogesic sevredol instanyl abstral
cipralex lustral seroxat efexor zispin zimovane stilnoct epilim lamictal keppra topamax zonegran vimpat
trileptal maxolon motilium valoid buccastem kwells scopoderm avomine phenergan stugeron hayfever
berocca vitabiotics pregnacare wellwoman wellman sanatogen seven-seas haliborange lanacane anusol germoloids
preparation-h scholl bazuka compeed optrex brolene golden-eye murine viscotears hylo-forte systane blephaclean
cuvefilm hedrin full-marks lyclear derbac otex earex waxsol audax nytol sominex kalms bach rescue
co-codamol co-dydramol co-amoxiclav co-trimoxazole co-careldopa co-beneldopa co-amilofruse co-codaprin
`);

export const DRUG_BRANDS_US = words(`
tylenol advil motrin aleve excedrin bayer ecotrin midol goody's benadryl claritin zyrtec allegra xyzal flonase
nasacort rhinocort afrin sudafed mucinex robitussin delsym dayquil nyquil theraflu alka-seltzer tums rolaids
maalox mylanta pepcid prilosec nexium prevacid zantac zegerid protonix dexilant imodium pepto-bismol pepto
kaopectate dulcolax miralax colace senokot metamucil citrucel gas-x lipitor crestor zocor pravachol zetia
vytorin tricor lopid niaspan lovaza vascepa repatha praluent norvasc zestril prinivil vasotec altace lotensin
accupril diovan cozaar benicar avapro micardis atacand hyzaar toprol toprol-xl lopressor tenormin coreg
bystolic inderal cardizem calan procardia lasix bumex demadex aldactone inspra eliquis xarelto pradaxa
savaysa coumadin jantoven plavix brilinta effient aggrenox nitrostat imdur ranexa entresto lanoxin pacerone
multaq glucophage glucotrol amaryl januvia janumet tradjenta jardiance farxiga invokana steglatro ozempic
wegovy rybelsus trulicity victoza saxenda mounjaro zepbound byetta bydureon lantus levemir tresiba toujeo
basaglar humalog novolog apidra fiasp admelog humulin novolin actos avandia synthroid levoxyl unithroid
tirosint cytomel tapazole deltasone decadron solu-medrol kenalog depo-medrol fosamax actonel boniva prolia
evenity forteo tymlos reclast evista premarin prempro estrace vagifem provera prometrium yaz loestrin
plan-b nuvaring depo-provera viagra cialis levitra flomax proscar avodart uroxatral detrol ditropan vesicare
myrbetriq toviaz zoloft prozac paxil celexa lexapro effexor pristiq cymbalta wellbutrin remeron desyrel
buspar xanax ativan klonopin valium restoril ambien lunesta sonata belsomra rozerem adderall ritalin
concerta vyvanse focalin strattera intuniv abilify seroquel zyprexa risperdal geodon latuda invega haldol
clozaril lithobid depakote dilantin neurontin lyrica aricept namenda exelon razadyne sinemet mirapex requip
azilect xenazine austedo ingrezza imitrex maxalt zomig relpax nurtec ubrelvy aimovig ajovy emgality fioricet
percocet vicodin norco lortab oxycontin roxicodone dilaudid ms-contin kadian opana nucynta ultram suboxone
subutex sublocade narcan vivitrol flexeril soma robaxin skelaxin zanaflex celebrex mobic voltaren naprosyn
anaprox toradol indocin feldene relafen daypro arthrotec humira enbrel remicade simponi cimzia stelara
cosentyx taltz skyrizi tremfya otezla xeljanz rinvoq olumiant orencia actemra kevzara rituxan plaquenil
arava imuran cellcept prograf neoral sandimmune keytruda opdivo herceptin avastin gleevec revlimid ibrance
arimidex femara aromasin lupron zytiga xtandi casodex eligard zofran compazine reglan tigan dramamine bonine
antivert transderm-scop proair proventil xopenex combivent advair dulera breo trelegy pulmicort flovent
asmanex alvesco singulair accolate zyflo xolair nucala fasenra dupixent epipen auvi-q keflex cipro levaquin
avelox bactrim septra zithromax z-pak zpak augmentin amoxil biaxin vibramycin minocin cleocin flagyl
macrobid macrodantin monurol diflucan valtrex famvir zovirax tamiflu xofluza paxlovid lagevrio truvada
descovy biktarvy genvoya stribild atripla triumeq dovato juluca cabenuva harvoni epclusa mavyret sovaldi
lotrimin monistat terazol vagistat neosporin polysporin bacitracin cortaid benzoyl differin retin-a accutane
claravis absorica epiduo aczone finacea soolantra rhofade mirvaso elidel protopic eucrisa opzelura vaseline
aquaphor cerave cetaphil eucerin lubriderm gold-bond icy-hot bengay salonpas aspercreme biofreeze tiger-balm
chantix nicorette nicoderm commit habitrol zyban antabuse campral revia naltrexone sublocade lucemyra
`);

/** Generic names dictionaries tend to lack; the suffix rule in dictionary.ts catches most others. */
export const GENERICS = words(`
paracetamol acetaminophen ibuprofen diclofenac aceclofenac naproxen mefenamic nimesulide aspirin ondansetron
domperidone metoclopramide pantoprazole omeprazole esomeprazole rabeprazole ranitidine famotidine metformin
glimepiride gliclazide sitagliptin vildagliptin teneligliptin empagliflozin dapagliflozin insulin glargine
amlodipine telmisartan losartan olmesartan atenolol metoprolol bisoprolol carvedilol nebivolol atorvastatin
rosuvastatin clopidogrel ticagrelor warfarin apixaban rivaroxaban dabigatran levothyroxine thyroxine
carbimazole salbutamol albuterol budesonide formoterol montelukast levocetirizine cetirizine fexofenadine
loratadine chlorpheniramine amoxicillin azithromycin ciprofloxacin ofloxacin norfloxacin metronidazole
tinidazole doxycycline cefixime cefuroxime ceftriaxone nitrofurantoin fluconazole acyclovir valacyclovir
oseltamivir prednisolone prednisone dexamethasone hydrocortisone methylprednisolone tramadol codeine
morphine oxycodone gabapentin pregabalin amitriptyline nortriptyline sertraline escitalopram fluoxetine
paroxetine venlafaxine duloxetine mirtazapine alprazolam clonazepam lorazepam diazepam zolpidem quetiapine
olanzapine risperidone aripiprazole haloperidol lithium valproate levetiracetam phenytoin carbamazepine
lamotrigine topiramate furosemide torsemide spironolactone hydrochlorothiazide chlorthalidone digoxin
amiodarone nitroglycerin isosorbide ranolazine semaglutide liraglutide dulaglutide tirzepatide orlistat
sumatriptan rizatriptan propranolol folic ferrous calcium cholecalciferol ergocalciferol cyanocobalamin
methylcobalamin loperamide lactulose bisacodyl senna ispaghula macrogol simethicone sucralfate hyoscine
dicyclomine drotaverine betahistine cinnarizine prochlorperazine promethazine diphenhydramine hydroxyzine
mupirocin clotrimazole miconazole terbinafine ketoconazole permethrin ivermectin albendazole mebendazole
hydroxychloroquine chloroquine artemether lumefantrine primaquine methotrexate sulfasalazine mesalamine
azathioprine tacrolimus cyclosporine adalimumab infliximab etanercept rituximab allopurinol febuxostat
colchicine alendronate tamsulosin finasteride dutasteride sildenafil tadalafil oxybutynin solifenacin
mirabegron misoprostol mifepristone oxytocin progesterone dydrogesterone norethisterone levonorgestrel
medroxyprogesterone clomiphene letrozole tamoxifen anastrozole co-amoxiclav co-codamol
`);

/** Eponyms that are rarely a person's name in a note: kept wherever they stand. */
export const EPONYMS = words(`
parkinson alzheimer crohn hodgkin cushing addison hashimoto huntington guillain barre raynaud sjogren kawasaki
wilms paget tourette asperger babinski kernig brudzinski apgar mcburney homans romberg tinel phalen lachman
trendelenburg valsalva heimlich whipple ludwig colles pott pap korotkoff kussmaul cheyne epley hallpike rinne
snellen ziehl neelsen papanicolaou holter doppler widal mantoux coombs bence westergren hirschsprung
osgood schlatter barrett behcet buerger burkitt charcot chagas dupuytren ewing fallot gaucher kaposi lyme
marfan meniere menkes munchausen perthes peyronie raynaud reiter reye tay sachs klinefelter patau zenker
zollinger ellison creutzfeldt jakob takayasu wegener horner sequard budd chiari dandy mallory meckel
kallmann noonan prader willi angelman sturge willebrand hippel lindau recklinghausen bartter gitelman liddle
fanconi alport goodpasture henoch schonlein kikuchi castleman hurler fabry pompe niemann nyhan duchenne
klumpke jacksonian lennox gastaut dravet brugada prinzmetal takotsubo dressler eisenmenger ebstein
kartagener pancoast virchow troisier krukenberg meigs asherman sheehan leventhal bartholin skene nabothian
monteggia galeazzi maisonneuve lisfranc salter sinding larsen johansson kienbock legg calve kohler freiberg
scheuermann sprengel madelung ledderhose heberden bouchard rovsing blumberg courvoisier chvostek trousseau
hoffmann durkan froment finkelstein mcmurray apley ortolani thessaly spurling lhermitte lasegue nikolsky
auspitz koebner darier muehrcke janeway argyll kayser fleischer brushfield koplik forchheimer stellwag
dalrymple mobius quincke corrigan traube duroziez kerley samter wernicke korsakoff tzanck schirmer ishihara
giemsa leishman kleihauer betke guthrie schilling tensilon rumpel leede benedict fehling rothera gerhardt
ehrlich kjeldahl wintrobe weil felix bunnell monospot quantiferon casoni heaf kveim lichtenstein shouldice
bassini mcvay stoppa nissen toupet heller billroth roux kasai bentall fontan blalock taussig norwood senning
jatene rastelli konno mohs ilizarov latarjet bankart bristow syme chopart pirogoff gritti girdlestone
lapidus shirodkar wertheim fothergill burch marchetti pomeroy uchida ramstedt swenson duhamel soave kock
puestow beger sistrunk mckeown orringer stamm witzel jaboulay bascom karydakis limberg milligan delorme
altemeier thiersch sugiura hartmann pfannenstiel lanz kocher charnley hardinge kuntscher pavlik sengstaken
blakemore ryle malecot tenckhoff hickman groshong guedel macintosh magill venturi kirschner steinmann denham
mcroberts zavanelli lovset mauriceau smellie pinard ritgen kielland wrigley gleason centor mcisaac alvarado
ranson blatchford rockall killip nyha framingham qrisk nihss barthel karnofsky breslow durie binet mallampati
cormack lehane goldman caprini padua hestia braden waterlow beighton womac kellgren gustilo schatzker neer
denis frankel pipkin pauwels seinsheimer winquist letournel hawkins ruedi allgower hinchey clavien dindo
masaoka enneking fontaine rutherford forrest zargar truelove witts epworth hachinski ashworth folstein
dubowitz ballard silverman downes bhutani sarnat finnegan cobb tanner wagner wells geneva caesarean cesarean
caesarian cesarian lscs sjögren ménière behçet barré schönlein kienböck köhler calvé lasègue küntscher
naegele nägele leopold chadwick hegar goodell piskacek braxton hicks montgomery bandl pouch douglas
retzius hesselbach calot oddi vater wirsung santorini treitz meissner auerbach peyer kupffer langerhans
sertoli leydig purkinje schwann ranvier nissl betz broca wernicke sylvius monro magendie luschka willis
galen rosenthal batson eustachian fallopian graafian bowman henle malpighi glisson gerota denonvilliers
camper scarpa colles buck dartos cooper poupart gimbernat hunter alcock
`);

/**
 * Eponyms that are also ordinary surnames or given names (or English words): kept only in a
 * clinical frame, never on their own.
 */
export const AMBIGUOUS_EPONYMS = words(`
down bell wilson graves turner stokes adams jones thomas murphy edwards stevens johnson brown walker
white wolff conn still pick todd weber dix sims fowler foley bishop gram ross david moore
thompson austin dixon miles park parks lord warren kelly marshall morgan hamilton beck allen ward barton
smith bennett harris russell evans young taylor mason sanders rai duke grace mayo hunt hess fisher light
jadad manning rome amsterdam bethesda milan brighton ottawa glasgow bristol manchester edinburgh oxford
boston denver geneva san francisco montreal vienna texas baker wood cooke cook carey austin flint graham
steell holmes adie marcus gunn roth osler splinter terry lindsay beau west erb becker hunter lee mcdonald
weiss walker lown ganong levine romano sister mary joseph kehr grey cullen jefferson chance hangman boxer
chauffeur essex lopresti segond clay monro hill thomas allis barlow kelly crede woods rubin miller robinson
levin abbott swan ganz quinton coude hudson jewett sayre minerva philadelphia milwaukee bryant gallows buck
charles howell jolly heinz auer dohle russell mott reed sternberg hurthle
barrett addison sheehan horner ludwig hoffmann blumberg fleischer corrigan norwood fothergill burch pomeroy
swenson mckeown bascom milligan sugiura hartmann hickman macintosh denham mcroberts wrigley gleason goldman
braden frankel fontaine rutherford forrest ashworth ballard silverman downes finnegan tanner wells hicks
montgomery douglas willis galen rosenthal batson bowman camper buck cooper hunter alcock goodell chadwick
leopold salter larsen johansson legg kohler freiberg bouchard finkelstein mcmurray dalrymple ishihara
schilling gerhardt ehrlich weil bristow uchida orringer limberg pavlik sengstaken blakemore ryle steinmann
mcisaac alvarado blatchford rockall cormack lehane pipkin hawkins hinchey bhutani cobb wagner reiter tay
sachs noonan liddle kikuchi castleman lennox dressler leventhal felix benedict guthrie denis monro
allegra yasmin soma lyrica ella celeste zoe april daisy
`);

/**
 * Words that, right after a capitalised word, make it an eponym: "Parkinson's disease", "Bell palsy",
 * "Schirmer test", "Whipple procedure", "Braden score". The whole phrase is kept.
 */
export const EPONYM_HEADS = words(`
disease diseases syndrome syndromes sign signs palsy test tests testing scale scales score scores scoring
criteria criterion phenomenon reflex reflexes maneuver maneuvers manoeuvre manoeuvres classification
fracture fractures procedure procedures operation operations repair repairs triad law node nodes nodule
nodules cell cells body bodies lymphoma sarcoma tumour tumor ulcer ulcers cyst cysts duct canal membrane
gland glands space sheath contracture dystrophy anomaly deformity ataxia chorea encephalopathy neuralgia
neuroma index rule rules formula equation method technique approach incision position stockings catheter
tube forceps splint traction shunt stain staining solution agar reaction assay questionnaire inventory
staging stage stages grade grades grading monitor monitoring angina aneurysm hernia esophagus oesophagus
thyroiditis encephalitis arteritis granulomatosis purpura smear smears protocol study amputation
fundoplication gastrectomy portoenterostomy resection anastomosis osteotomy arthroplasty hemiarthroplasty
pouch pouches point points area areas ring rings line lines spots spot nodes plaque plaques lesion lesions
phenomena sequence anomaly malformation disorder disorders dementia chorea paralysis neuropathy myopathy
dysplasia cardiomyopathy tetralogy anemia anaemia bladder hip foot knee elbow thumb finger toe reaction
maneuvre manouevre cerclage section hysterectomy flap graft block blocks drain needle mask blade laryngoscope
brace collar harness pin wire nail plate frame loop vein veins valve artery arteries ligament muscle
nerve triangle fascia fold folds pressure angle fossa pouch sinus tract bundle fibers fibres organ organs
capsule layer plexus zone zones lines nucleus tubercle crypts glands islets patches
`);

/** Score names that may stand before a bare number: "APGAR 8", "Gleason 4+3=7", "GCS 14". */
export const SCORE_NAMES = words(`
apgar gleason glasgow gcs centor mcisaac wells geneva curb-65 crb-65 curb crb psi qsofa sofa apache news news2
pews mews alvarado ranson bisap child-pugh meld meld-na rockall blatchford forrest chads2 cha2ds2-vasc
chads2-vasc has-bled hasbled timi grace killip nyha heart duke qrisk qrisk3 score2 ascvd abcd2 nihss rankin
mrs barthel katz karnofsky ecog phq-9 phq9 gad-7 gad7 epds audit cage mmse moca amt 4at braden waterlow
norton must frailty tanner ballard silverman downes bhutani sarnat finnegan bishop mallampati asa goldman
rcri caprini padua hestia pesi spesi perc stop-bang epworth borg flacc beighton womac kellgren-lawrence
gustilo garden schatzker neer salter-harris frankel asia hinchey clavien-dindo breslow fontaine rutherford
ceap zargar pasi scorad easi das28 sledai basdai cdai harvey-bradshaw mayo hachinski updrs edss hoehn
lund-browder baux parkland apfel nutric vas nrs rass ramsay aldrete ciwa ciwa-ar cows
`);

/** Words after a capitalised word that mark it as a drug brand variant: "Nurofen Plus", "Gaviscon Advance". */
export const BRAND_SUFFIXES = words(`
plus advance advanced extra forte max maximum strength duo sr xr er cr mr xl la cd dr ds od ez lc gp sp tz
cold flu night day junior kids infant baby cough relief rapid soluble liquid gel caps tabs spas
`);

/** Dosage forms: "Crocin tablet", "tab Crocin", "Calpol syrup". */
export const DOSAGE_FORMS = words(`
tab tabs tablet tablets cap caps capsule capsules syp syrup syrups susp suspension inj injection injections
oint ointment cream creams gel lotion drops drop eyedrops inhaler inhalers puff puffs spray sprays sachet
sachets powder lozenge lozenges patch patches pessary pessaries suppository suppositories solution elixir
linctus granules vial ampoule pen pens nebule nebules rotacap rotacaps respule respules
`);
