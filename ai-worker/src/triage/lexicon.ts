/**
 * Lay-language lexicon: for each concept, the ways patients, relatives, Hinglish and Indian-English
 * speakers actually say it, in the pattern language of pattern.ts. Terms are matched on
 * normalised text (normalise.ts): lower case, "can't"/"not able to"/"couldn't" → `cannot`,
 * "won't" → `wont`, "doesn't" → `does not`, Hinglish spellings and Devanagari mapped to one
 * canonical romanisation (HINGLISH below), common misspellings corrected.
 *
 * A concept says one thing ("a drooping face", "an arm that won't work", "one side of the body");
 * the red-flag rules (flags.ts) combine concepts that co-occur in a sentence, so the lexicon never
 * needs the whole sentence a patient might type. Sources: NHS "when to call 999" and condition
 * pages, NICE NG143 / NG51 / NG232, WHO snakebite, IMCI danger signs.
 */

export const LEXICON = {
  // ── Time and context markers (used by clauses.ts for scoping, not by rules directly) ──
  t_past: [
    'stroke|heart_attack|tia|mini_stroke|seizure|fit|fits ~1 before|previously|in_the_past',
    '#n|a|few|many|several|couple|some|dedh|dhai|do|teen|char|kai years|yrs|year|yr|months|month|mahine|mahina|saal|sal|varsh|baras ago|back|pehle|before|earlier|previously',
    'a|few|many|several|couple|some ~2 years|months ago|back|pehle',
    'long_ago|years_ago|years_back|last_year|last_month|pichle_saal|pichhle_saal|pichle_mahine|pichhle_mahine|as_a_child|as_a_kid|as_a_teenager|in_childhood|bachpan|bachpan_me|in_the_past',
    'when i|he|she|we|they was|were #n|young|little|small|younger|a_child|a_kid|a_baby|a_teenager|a_teen|at_school|in_school',
    'history_of|past_history|used_to_have|used_to_get|had_one_before',
    // The age it happened at ("had a heart attack at 60,"), not a clock time ("at 6 this morning").
    'stroke|heart_attack|tia|mini_stroke|seizure|fit|fits|cancer|bypass ~1 at|aged|at_age|at_the_age_of #n ,|.|and|years|yrs|but|so',
    'since #n|many|several years|yrs|saal',
    'for #n|many|several|the_last|the_past years|yrs',
    '#n saal|sal|years ~1 se',
    'kaafi|kai|bahut mahino|saalon|saalo ~1 se',
    'well_controlled|under_control|controlled_on|controlled_for|nicely_controlled|fully_controlled|control_me|control_hai|control_mein|seizure_free|fit_free|stable_on|stable_for|no_problems_since|fine_since|been_fine|doing_well|doing_really_well|now_fine|ab_theek|ab_thik|fully_ok|totally_fine|all_fine|doing_fine|been_doing_fine',
    'forever|for_ages_now|all_my_life|since_birth|since_childhood|for_years|since_years|years_now|many_years|for_a_long_time',
  ],
  /** Not an event at all: family history, risk questions, "what if" (the whole sentence). */
  t_hypo: [
    'ho_sakta|ho_sakti|ho_sakta_hai_kya|mujhe_bhi_ho|khatra|khatre|all_normal|all_clear|tests_were_normal|tests_normal|tests_came_back_normal|nothing_found|checked_by_cardiology|checked_by_a_cardiologist|cardiology_said|ecg_was_normal|ecg_normal|should_i_get|should_i_be|do_i_need_to|get_checked|be_checked|screened|screening|first_aid_kit|in_case_of|what_should_i_buy|what_to_buy|assignment|homework|essay|research_paper|statistics|documentary|prevent|prevention|how_to_avoid|reduce_my_risk|lower_my_risk|died_of|died_from|family_history|runs_in_the_family|runs_in_family|my_risk|at_risk|risk_of|how_to_prevent|what_are_the_chances|am_i_at_risk|genetic|hereditary|how_to_recognise|how_to_recognize|how_would_i_know|first_aid_course|so_i_know|so_i_can_spot',
  ],
  /**
   * A conditional question ("what should I do if he has a fit"): what follows it is hypothetical, not
   * what came before ("chest pain and sweating, what should I do if it gets worse" is happening now).
   */
  t_cond: [
    'what_to_do_if|in_case|in_case_of|what_should_i_do_if|what_do_i_do_if|what_to_do_when|what_happens_if|what_if',
  ],
  t_now: [
    'since_last_week|from_last_week|since_last_month|now|right_now|currently|today|tonight|this_morning|this_afternoon|this_evening|since_morning|since_yesterday|since_last_night|since_evening|since_tonight|since_lunch|from_morning|from_yesterday|just_now|suddenly|sudden|achanak|abhi|aaj|kal_raat|subah_se|shaam_se|kal_se|raat_se|again|phir_se|dobara|yesterday|last_night|this_week|started|began|came_on|new_onset|first_time|pehli_baar|ab',
    '#n|few|couple|an|a hours|hrs|hour|hr|minutes|mins|min|minute|ghante|ghanta|minat|days|day|din|weeks|week|hafte|hafta ago|back|pehle',
    'since|for|from #n|few|couple|an|a hours|hrs|hour|hr|minutes|mins|min|minute|days|day|din|weeks|week|ghante',
    '#n hours|hrs|hour|minutes|mins|min|ghante|ghanta|din|days|hafte ~1 se',
  ],
  /** Jabs in the last day or two: a mild temperature after them is expected. */
  after_vaccination: [
    'jabs|jab|vaccine|vaccines|vaccination|vaccinations|immunisation*|immunization*|injections|shots|teeke|tike|teeka ~4 yesterday|today|this_morning|last_night|kal|aaj',
    'after|since ~3 jabs|jab|vaccine|vaccines|vaccination|vaccinations|immunisation*|immunization*|injections|shots|teeke|tike|teeka',
  ],
  /** "No change", "same as always": a long-standing symptom reported as stable. */
  no_change: [
    'no_change|not_changed|has_not_changed|unchanged|same_as_always|same_as_ever|no_worse|not_worse|stable',
  ],
  /** Sleep context: snoring pauses and gasps are a sleep study, not an emergency. */
  /** Better now: a fever or ache that has gone is not a same-day problem (emergency signs still count). */
  resolved: [
    'healed|all_healed|has_healed|fully_healed|mended|knitted',
    'none_since|nothing_since|not_since|not_happened_since|has_not_happened_since|not_come_back|has_not_come_back|no_more_since|just_the_once',
    'it_passes|passes_off|goes_away|went_away|settles_down|ab_theek|ab_thik|now_fine|now_better|better_now|fine_now|fully_recovered|recovered|theek_ho_gaya|theek_ho_gayi|gone_now|settled_now|all_better',
  ],
  exertion_only: [
    'only ~3 when|on|during|after ~2 running|run|exercise|exercising|gym|sport*|climbing|stairs|jogging|cycling|football',
  ],
  sleep_context: [
    'snor*|sleep_apnoea|sleep_apnea|apnoea|apnea|sleep_study|in_his_sleep|in_her_sleep|in_my_sleep|while_asleep|while_sleeping|when_asleep|when_sleeping',
  ],
  /** Admin / questions: "want to know", "need a refill". */
  admin: [
    'refill|repeat_prescription|prescription|test_strips|strips|follow_up|checkup|check_up|certificate|sick_note|jabs|vaccination|vaccine|booster|referral|parchi|parchi_chahiye|report_dikhani',
  ],

  // ── Cardiovascular ──
  chest_pain: [
    'chest|chests|seene|seena|chhati|heart|breastbone|sternum ~3 pain*|ache*|aching|hurt*|tight*|pressure|pressing|heavy|heaviness|discomfort|squeez*|crush*|dard|dabav|bhaari|bhaaripan|jakdan|kasav|chubh*|gripping|band',
    'pain*|ache|tight|tightness|pressure|heaviness|discomfort|uneasiness|uneasy|dard|squeezing|crushing|chubh* ~5 chest|seene|seena|chhati|breastbone',
    // "Dil" is also the feelings ("dil bhaari hai" is sadness): only with a word of pain or pressure.
    'dil ~4 dard|dabav|jakdan|jakad*|kasav|chubh*',
    'angina|chest_pain|chestpain',
    // Hindi puts intensifiers between the place and the pain: "seene me bahut jor ka dard".
    'seene|seena|chhati ~5 dard|dabav|bhaari|bhaaripan|jakad|chubh*|kasav',
  ],
  /** Burning in the chest is usually heartburn; with sweating or pain spreading it is not. */
  chest_burning: [
    'chest|seene|seena|chhati|heart ~5 burning|jalan|jal_raha|jal_rahi',
    'burning|jalan ~4 chest|seene|chhati',
  ],
  chest_pressure: [
    'elephant|horse|cow|weight|brick|bricks|truck|car|lorry|piano|anvil|sack|ton|tonne|rock|boulder|someone|something|somebody ~5 chest|seene|seena|chhati',
    'chest|seene|seena|chhati|breastbone|sternum ~4 crush*|squeez*|vice|vise|clamp*|gripp*|band|heavy|heaviness|pressure|bhaari|bhaaripan|dabav|kasav',
    'clutch*|holding|grabbing|gripping ~3 chest|seena|chhati',
    'crushing|squeezing ~4 chest|pain|pressure',
    'heavy|pressing ~3 chest|seene|chhati|breastbone|sternum',
    'tight_band|band_round|band_around|koi_baitha|baitha_ho|pathar_rakha|someones_squeezing|someone_squeezing',
    // The image after the place: "a dull ache in my chest like a weight on it".
    'chest|seene|seena|chhati|breastbone ~6 like|as_if|as_though ~3 weight|brick|bricks|elephant|vice|vise|band|rock|someone_sitting|sitting_on',
    'dil|seene|chhati ~3 dabav|jakdan|kasav',
    // A belt pulled tight, a fist clenched: "like a belt being tightened round his ribs".
    'belt|band|strap|rope|vice|vise ~5 tight*|round|around ~4 chest|ribs|ribcage',
    'fist|clamp|vice|vise ~5 chest|ribs|breastbone',
  ],
  indigestion: ['indigestion|heartburn|acidity|gas|gastric|wind|acid_reflux|reflux'],
  heart_attack: ['heart_attack|heartattack|dil_ka_daura|cardiac_arrest|attack_aaya|attack_pada'],
  radiation: [
    'radiat*|spread*|going|goes|gone|moving|moves|travel*|shoot*|ja|jaa|jata|jaata|faila|fail* ~3 arm|arms|jaw|neck|back|shoulder|shoulders|haath|baazu|jabda|kandha|kandhe',
    'left|baaye|baayan|baayi ~2 arm|haath|shoulder|kandha|kandhe|jaw|baazu',
    'arm|arms|jaw|shoulder ~3 pain*|ache*|aching|heavy|numb*|dard|hurt*',
    'jabda|jabde|jabdon|jabade|kandha|kandhe|baazu ~3 dard|pain|bhaari|sunn',
    // Hindi says where the pain reaches: "dard jabde tak ja raha".
    'jabda|jabde|jabdon|kandha|kandhe|baazu|haath|gardan ~1 tak ~2 ja*|jaa*|faila*|fail*|pahunch*|aa*',
    'pain*|ache|dard ~3 arm|arms|jaw|shoulder',
  ],
  sweating: ['sweat*|clammy|pasina|diaphor*|perspir*|drenched|cold_sweat|thanda_pasina|sweaty'],
  pale_grey: [
    'grey|gray|ashen|pale|white ~3 colour|color|face|skin|look*',
    'gone|went|turned|turning|looks|look|looking|going ~2 grey|gray|ashen|pale|white|safed',
    'pale_and_clammy|pale_and_sweaty|ashen|pallor',
    'gone|turned|went|going|looks ~2 a ~1 funny|strange|weird|odd|bad|horrible|awful ~1 colour|color',
  ],
  nosebleed: [
    'nosebleed|nosebleeds|nose_bleed|nose_bleeding|nose_is_bleeding|bleeding_from_the_nose|bleeding_from_my_nose|naak_se_khoon|nakseer|nakseer',
  ],
  nausea_vomit: [
    'sick|nausea|nauseous|nauseated|queasy|vomit*|throw*_up|threw_up|puk*|ulti|matli|ji_machal*',
  ],
  dizzy_faint: [
    'bechaini|bechain|dizzy|dizziness|giddy|giddiness|lightheaded|light_headed|faint|faintness|feeling_faint|feel_faint|felt_faint|nearly_fainted|almost_fainted|chakkar|ghabrahat|woozy|room_spinning|vertigo',
  ],
  palpitations: [
    'palpitat*|fluttering|flutter*|skipping_beats',
    'heart|dil ~3 racing|pounding|fluttering|flutter*|skipping|irregular|beating_fast|fast|tez|dhadak*|thumping',
    'dhadkan ~2 tez|badh*',
  ],
  calf_swelling: [
    'calf|calves|pindli|pindliyan ~4 swollen|swelling|sooj*|soojan|red|sore|painful|pain|hard|tender',
    'swollen|swelling ~3 calf|calves|pindli',
    'leg|thigh|taang|pair ~4 swollen|swelling|sooj* ~4 painful|pain|warm|hot|tender|garam',
  ],
  long_travel: ['flight|flew|long_haul|long_drive|long_journey|lambi_flight|lambi_yatra|lamba_safar'],
  aortic_tear: [
    'tearing|ripping|torn|rip_through ~4 pain|chest|back|shoulder|shoulders|tummy|abdomen|belly|feeling',
    'pain|chest|back ~6 torn|tearing|ripping|ripped|torn_in_half|being_torn',
  ],
  through_to_back: [
    'moved|moving|went|shifted ~3 to|into|through ~3 back|peeth',
    'peeth|kamar ~2 tak ~2 ja*|jaa*|faila*|pahunch*',
    'going|goes|spreading|radiating|moving|shooting ~3 to|into|through ~2 back|peeth',
    'pain*|dard ~5 right_through|straight_through|through_to|thru_to|goes_through|going_through ~2 back|shoulder_blades',
    'between ~2 shoulder_blades|shoulderblades',
  ],
  aneurysm: ['aneurysm|aneurism|aneurysms|aaa|aortic_dissection|dissection'],

  // ── Breathing ──
  breathless: [
    'breathless*|short_of_breath|shortness_of_breath|sob|dyspn*|out_of_breath|winded|puffed_out',
    'difficulty|trouble|problem|problems|struggl*|hard|difficult ~3 breath*',
    'breathing ~3 difficult*|problem|trouble|heavy|fast|rapid|quick|hard|laboured|labored|noisy|tez|bad|worse|terrible',
    'cannot_catch ~2 breath',
    'saans|swas ~3 phool*|fool*|phul*|chadh*|tez|takleef|dikkat|dikat|problem|pareshani|kam|ukhad*|lene|fulna|fool',
  ],
  severe_breath: [
    'cannot ~2 breathe|breath|breathing|saans',
    'cannot|barely ~3 finish|get|complete|say|speak ~3 sentence*|words|word',
    'too ~2 breathless|short_of_breath|out_of_breath ~3 talk|speak|feed|eat|walk|finish',
    'barely|hardly ~2 talk|speak|breathe|breathing',
    'struggling|struggles|fighting ~2 to ~2 breathe|breath',
    'working_hard|working_really_hard|working_so_hard ~2 to ~2 breathe',
    'saans ~2 ukhad*',
    'only ~4 couple|few|one|two ~2 words|word',
    'fighting|struggling ~2 for ~2 breath|air',
    'saans|swas ~2 nahi|na ~2 aa|aati|aana|le|ho|li',
    'saans|swas ~2 ruk*|band|atak*',
    'air_hunger|cannot_get_air|not_getting_air|no_air',
  ],
  gasping: ['gasp*|gasping_for_air|gasping_for_breath|haanf*|hanf*'],
  apnoea: [
    'not_breathing|stopped_breathing|stops_breathing|saans_ruk*',
    'pauses_in ~2 breathing',
    'gap|gaps|pause|pauses ~3 breathing|breath',
    'breathing|breath ~3 stops|stopped|pauses|paused',
    'is not breathing',
  ],
  recession: [
    'sucking|suck*|caving|cave*|pulling|drawing|sinking|dhans* ~5 ribs|rib|chest|tummy|belly|neck|throat|pasli|pasliyan',
    'ribs|rib|chest|pasli|pasliyan|skin|tummy|belly|neck|throat ~3 sucking|caving|pulling|drawing|going_in|showing|chal|chalti|chal_rahi|andar|sinking|sucks',
    'indrawing|recession|recessions|retraction*|chest_indrawing',
    'see|seeing|visible|showing ~3 ribs|rib|pasli|pasliyan',
    'pet|pasli|pasliyan|chhati ~3 andar_bahar|andar_ja*|dhans*',
    'pasli|pasliyan|pasliyon|pasliyo|gale|gardan ~4 gaddha|gaddhe|khaddha|andar_ghus*|kheench*|khinch*',
    'nostril*|nose ~3 flar*',
    'flaring ~2 nostril*|nose',
    'head ~2 bobbing|bob*',
    'using|uses ~3 tummy|stomach|belly|neck|chest ~1 muscles ~3 breathe|breath|breathing',
    'see_saw|belly_breathing',
  ],
  grunting: ['grunt*|ghurghur*|kharkhar*'],
  stridor: [
    'stridor|whistling|seeti|crowing|high_pitched_noise|noisy_breathing',
    'noise ~4 breath*',
    // A whistle or squeak on the breath in is stridor (a wheeze is on the breath out).
    'whistle|whistles|whistling|squeak*|noise|sound ~4 breathes_in|breathing_in|breath_in|breathe_in',
  ],
  at_rest: [
    'at_rest|resting|sat_still|sitting_still',
    'even_when ~3 still|calm|resting|sitting|sat|asleep|lying',
    'even ~2 sitting|resting|lying',
    'baithe|baith ~3 bhi',
  ],
  croup: ['barking|bark*|seal|croup|croupy'],
  wheeze: ['wheez*|whistl*|ghargharahat|ghargharaahat|seeti|tight_chest|chest_tight*|chest_feels_tight'],
  /** Not able to walk at all (not "can't walk far"). */
  cannot_walk: ['cannot ~2 walk|stand', 'chal|chalna|chalne ~2 bhi ~1 nahi|na ~2 pa|paa|sak*'],
  /** "Using it every 2 hours": counts only beside an inhaler or asthma (flags.ts). */
  dosing_often: ['using|use|need|needing|taking|take ~2 it|them ~1 every ~2 hours|hrs|hour|ghante'],
  asthma_context: [
    'asthma|asthmatic|dama|inhaler|inhalers|pump|reliever|puffs|ventolin|salbutamol|asthalin|levolin',
  ],
  inhaler_failing: [
    'inhaler|inhalers|pump|puffs|nebuli*|asthalin|ventolin|salbutamol|reliever ~5 not_helping|not_working|no_relief|no_effect|not_help*|kaam_nahi|asar_nahi|has_not_worked|is_not_helping|not_worked|does_not_help|did_not_help|wont_help',
    '#n puffs ~6 still',
  ],
  asthma_worse: [
    'asthma|dama ~4 playing_up|worse|bad|attack|flare*|flaring|badh*|zyada',
    'inhaler|pump|puffs ~4 zyada|more|extra|every ~2 hours|hrs|ghante|often|lena_pad*',
    // The reliever needed again and again (NHS asthma: same-day care).
    'inhaler|pump|puffs|reliever ~3 baar_baar|bar_bar|again_and_again|all_the_time|constantly|non_stop',
    // NHS asthma: a reliever needed every 4 hours or more often.
    'inhaler|pump|puffs|reliever ~8 every ~2 hours|hrs|hour|ghante',
    'keep|keeps|keeping ~2 needing|using|taking ~3 inhaler|pump|reliever',
    'peak_flow',
  ],

  // ── Stroke, vision, neurology ──
  face_droop: [
    'face|mouth|smile|cheek|eyelid|muh|munh|chehra|chehre ~4 droop*|drop*|fallen|fell|sag*|slack|frozen|lopsided|crooked|twisted|wonky|uneven|slant*|hanging|hangs|hang|tedha|tedhi|tirchha|latak*|numb|paralys*|sunn|sideways|lakwa|weak|one_sided|down_on_one_side|pulled_to_one_side',
    'droop*|drooping|lopsided|crooked|wonky|uneven|tedha|tedhi ~3 face|mouth|smile|muh|chehra',
    'one_side|side ~3 of ~3 face|mouth ~4 down|droop*|not_moving|numb|hanging|weak|fallen|dropped',
    'water|drink|food|drool*|saliva|laar ~6 one_side|side_of ~2 mouth|corner_of|ek_taraf|ek_side',
    'laar ~3 tapak*|gir*|beh*|nikal*',
    'dribbl*|drool* ~4 one_side|corner|side_of',
    'facial_droop|facial_palsy|face_palsy|bells_palsy',
  ],
  speech_muddled: [
    'slurr*|slur|garbled|gibberish|jumbled|muddled|mumbl*|aphasia|dysarthria|incoherent|babbling|badbad*',
    'speech|speaking|talking|words|word|talk|bol*|baat*|zuban|jubaan ~4 slurr*|jumbled|muddled|garbled|mixed|strange|weird|funny|odd|unclear|gibberish|nonsense|drunk|thick|wrong|lad*|ladkha*|atak*|ajeeb|confuse*',
    'speech|speaking|talking|words|bol* ~3 not_clear|saaf_nahi|samajh_nahi|theek_nahi|thik_nahi',
    'cannot ~3 get ~2 words|word ~2 out',
    'cannot ~2 find ~2 words|word|right_words',
    'words ~3 wrong|mixed|not_coming|jumbled|out_wrong|wont_come|coming_out_wrong|do_not_come',
    'talk*|speak*|sound*|sounds ~2 like ~2 drunk',
    'sound|sounds|sounding|talking|talks|speaking ~2 drunk',
    'not_making_sense|not_make_sense|do_not_make_sense|does_not_make_sense|making_no_sense|no_sense',
    'bolne|bolna|bolte ~3 dikkat|takleef|pareshani|lad*',
    'awaaz|awaz ~4 ladkha*|lad*|atak*|saaf_nahi|bigad*|ajeeb',
    'ladkhada|ladkhadana|ladkhadane|ladkhadaya|ladkhadayi',
    'speech|voice|talking|words ~2 is|are|was|sounds|seems|went ~1 off|wrong',
    'shabd|shabad|alfaz|alfaaz|awaaz|awaz|baat|bol ~2 nahi|na ~1 nikal*',
  ],
  cannot_speak: [
    'cannot ~2 speak|talk|bol*',
    'bol|bolna|bolne ~2 nahi|na ~2 pa|paa|sak*|pata|pati',
    'baat ~2 nahi|na ~2 kar_pa|kar_paa|kar_sak*',
    'lost ~2 speech',
    'trouble|difficulty|problem|problems ~2 speaking|talking|getting_words_out|finding_words',
  ],
  limb: [
    'arm|arms|hand|hands|leg|legs|foot|feet|fingers|limb|limbs|haath*|hath|hathon|pair|paer|pairon|taang|tang|baazu|bazu|body|half_body|side_of_body',
  ],
  side: [
    'left|right|one_side|one_sided|ek_taraf|ek_side|ek_or|baayan|baayi|baaya|baaye|daayan|daayi|daaya|daaye|half_of|aadha|aadhe|that_side|same_side|other_side|one_arm|one_leg|one_hand|one_of_his|one_of_her',
  ],
  limb_weak: [
    'weak*|numb*|heavy|heaviness|dead|limp|floppy|flop*|paralys*|sunn|sunnpan|kamzor*|draggy|dragging|drags|ghasit*|ghaseet*|ghasat*|useless|lifeless|clumsy|gave_way|give_way|giving_way|not_working|kaam_nahi|just_went|just_gone|gave_out|flops',
    'keeps ~2 dropp*|drop*',
    'dropping|droping ~2 things|stuff|cup|glass|everything|objects',
    'haath|hath ~3 se ~3 gir*|chhoot*|chhut*|chhoot_gaya',
    'only_one_goes_up|falls_back|drops_back|drifts|drifting|lost_the_use|lost_use|loss_of_use|no_use_of|wont_do_what',
  ],
  /** "Can't lift it": also what a painful shoulder says, so it needs a side and no injury. */
  limb_cannot: [
    'cannot ~3 lift|raise|move|use|hold|grip|feel|utha*|hila*|pick',
    'wont ~3 lift|move|work|hold|go_up',
    'utha|uthaa|hila|hil|uth ~2 nahi|na',
    'nahi|na ~2 uth*|hil*',
    'only_one_goes_up|falls_back|drops_back|drifts|drifting',
  ],
  /** "right side weak", "cannot move his left side", "ek taraf sunn": one side of the body. */
  side_weak: [
    'left|right|one|ek|baayi|daayi|baaya|daaya|baayan|daayan|baaye|daaye ~1 side|taraf|half ~3 weak*|kamzor*|numb*|sunn|paralys*|dead|heavy|limp|floppy|gone|not_working|kaam_nahi',
    'weak*|numb*|paralys*|kamzor*|sunn|cannot_move|cannot_feel|cannot_use ~4 left|right|one|ek|baayi|daayi|baaya|daaya ~1 side|taraf|half',
  ],
  both_legs_arms: ['both|dono ~3 legs|arms|pair|haath*|sides', 'legs ~3 both'],
  stroke_word: [
    'stroke|lakwa|lakva|laqwa|lakuwa|falij|paralysis_attack|brain_attack|mini_stroke|tia|transient_ischaemic|transient_ischemic',
  ],
  vision_loss: [
    'curtain|shade|blind|veil|shadow|blob|cloud|black_spot|dark_patch|blackness ~6 eye|eyes|vision|sight|over|across|down|aankh',
    'lost|loss_of|losing|lose ~3 vision|sight|eyesight',
    'no_vision|no_sight ~4 eye|eyes',
    'vision|sight|eyesight ~5 gone|went|lost|black|dark|blank|disappeared|blacked_out|blacking',
    'half|part|top|bottom|side ~3 vision|sight ~5 gone|went|missing|black|dark|blank',
    'everything|all|it ~3 went|go|goes|gone|turned ~2 black|dark|dim|blank ~4 eye|eyes',
    'went|gone|go|goes ~2 black|dark|blank ~4 one_eye|left_eye|right_eye',
    'cannot ~2 see ~5 eye|out_of|anything|left|right|one',
    'suddenly|sudden ~3 blind*|cannot_see',
    'flash*|flashing_lights|flashes ~6 floater*|shadow|curtain',
    'floater*|floaters ~6 shadow|curtain|blob|pepper|flash*',
    'top|bottom|half ~3 of ~2 everything|vision ~3 gone|missing|black|dark',
    'dikhna_band|dikhai_nahi|dikh_nahi|andhera_chha|andhere',
    'andhera|andhere ~2 cha*|chha*|aa_gaya|ho_gaya',
    'aankh* ~4 andhera|andhere|dikhna_band|nahi_dikh*',
  ],
  double_vision: ['double_vision|seeing_double|do_do_dikh*'],
  blurred_vision: [
    'aankh* ~3 aage ~2 chamak*|andhera|tare|taare|dhundla|dhabbe',
    'chamak|chamakna|flashes|flashing',
    'blurr*|blurry|dhundla|dhundhla|dhundhlapan|seeing_spots|spots_in_front|flashing_lights|cannot_see_properly',
  ],
  headache: [
    'headache*|head_ache|migraine|migrane|sirdard|sardard|head*_pain|head_pain',
    'pain|ache|dard ~5 head|sir|sar',
    'sir|sar ~5 dard|dardh',
    'head|sir|sar ~3 hurt*|pounding|exploding|explod*|pain|dard|phat*|ache|throbb*|splitting|bursting|going_to_explode',
    'head ~5 splitting|bursting|exploding|explode|going_to_explode|cracking_open|split_open',
  ],
  thunderclap_cue: [
    'sudden*|suddenly|achanak|out_of_nowhere|out_of_the_blue|explosive|explod*|thunderclap|within_seconds|in_seconds|ek_second|instantly|instant',
    'like ~3 hit|hitting|struck ~3 bat|hammer|brick|hathoda|hathauda|baseball',
    'hathoda|hathauda ~2 maara|mara|maar*',
    'worst ~4 headache|pain|ever|life|dard',
    'sabse_bura|sabse_tez|sabse_zyada|life_ka_sabse|zindagi_ka_sabse|bhayankar',
    'never ~4 had|felt ~3 like_this|such|anything_like|this_bad',
    'kabhi_nahi_hua|pehle_kabhi_nahi|pahle_kabhi_nahi|aisa_pehle_kabhi',
    '10/10|ten_out_of_ten|10_out_of_10',
  ],
  /** "My usual migraine": the same as always. */
  usual_pattern: ['usual|typical|normal_for_me|my_normal|as_always|same_as_always|like_always|same_as_usual'],
  /** Habitual: "every month", "sometimes", "for years" — a standing complaint, not a new one. */
  habitual: [
    'every_month|every_period|each_month|monthly|har_mahine|roz|rozana|har_roz|every_day|most_days|most_evenings|sometimes|occasionally|kabhi_kabhi|been_like_this|like_this_for|for_years|since_years|years_now|many_years|for_a_long_time|long_time|kai_saalon|saalon_se|for_months',
  ],
  neck_stiff: [
    'stiff_neck',
    'neck ~3 stiff*|rigid|akad*|jakad*',
    'gardan ~3 akad*|akdi|jakad*|stiff|akad',
    'cannot ~3 touch ~3 chin|bend ~2 neck',
    'chin_to_chest',
  ],
  photophobia: [
    'light ~4 hurts|hurt*|bother*|cannot_stand|sensitive|painful|too_bright',
    'photophob*',
    'roshni|raushni ~3 chubh*|bardasht|dard|pareshani|chubhan',
    'sensitive ~2 to ~2 light',
  ],
  rash_nonblanch: [
    'glass|tumbler ~8 not ~3 fade|go|disappear|away|change|blanch',
    'glass|tumbler|press* ~6 stay*|stays|remain*|still_there|still_see',
    'stay*|stays|remain* ~6 press*|glass|tumbler',
    'rash|spots|dots|marks|blotches ~4 not ~2 fade|blanch|disappear|go|go_away|vanish',
    'not ~3 go|fade|disappear|vanish|blanch ~6 press*|glass|tumbler',
    'non_blanching|nonblanching|non_blanch*|purpur*|petechi*',
    'purple|dark_red|pinprick|pin_prick|bruise_like|baingani|jamuni ~3 spots|rash|dots|marks|blotches|daane|dhabbe|chakte|chakatte|nishaan',
    'chakte|chakatte|daane|dhabbe|nishaan|rash ~6 dabane|dabaane|press* ~3 nahi|na ~2 ja*|mit*|hat*|ghat*',
    'rash ~3 like ~2 bruise*|bruising',
  ],

  // ── Consciousness, seizures, confusion ──
  unconscious: [
    'unconscious*|unresponsive|unresponsiv*|passed_out|pass*_out|blacked_out|black*_out|fainted|collapsed|collapse|lost_consciousness|loss_of_consciousness|knocked_out|keeled_over|not_responding|no_response|wont_respond|does_not_respond|did_not_respond|behosh|behoshi|unrousable|unrouseable|slumped',
    'hosh ~2 nahi|na|kho*|gaya',
    'jawab ~3 nahi|na ~2 de*',
    'cannot ~2 wake|rouse|jaga*',
    'wont ~2 wake',
    'not ~2 waking|responding|woken|woke|come_round|come_around|come_to',
    'not ~2 regained|recovered|regain ~2 consciousness|hosh',
    'not ~1 awake|conscious',
    'nahi ~2 uth*',
    'uth ~2 nahi|na',
    'not ~2 answering|responding ~2 properly',
    'wont ~2 answer ~2 properly',
  ],
  drowsy: [
    'drowsy|drowsiness|sleepy|sleepier|nodding_off|keeps_nodding|dozing_off|keeps_dozing|barely_awake|lethargic|letharg*|sust|susti|very_dull|listless|floppy|limp|lifeless|rag_doll|dheela|dheeli|no_energy|unrousable|hard_to_wake|difficult_to_wake|eyes_heavy|eyes_are_heavy|heavy_eyes',
    'hard|difficult ~2 to ~2 wake|rouse',
    'cannot_stay_awake',
    'eyes ~3 heavy',
    'not ~2 waking ~2 for ~2 feed*',
  ],
  /** NICE NG143 red: does not wake, or does not stay awake; floppy. */
  sleepy_hindi: ['neend ~2 aa|aa_rahi|aa_raha|aa_rahe|aati'],
  very_drowsy: [
    'hard_to_wake|difficult_to_wake|barely_awake|unrousable|nodding_off|keeps_nodding|keeps_dozing|cannot_stay_awake|very_sleepy|really_sleepy|so_sleepy|very_drowsy|really_drowsy|floppy|limp|lifeless|rag_doll',
    'hard|difficult ~2 to ~2 wake|rouse',
    'cannot|wont ~2 wake|rouse|jaga*',
    'not ~2 waking',
    'nahi ~2 uth*',
    'uth|jag ~2 nahi|na',
  ],
  confusion: [
    'altered_sensorium|altered_consciousness|altered_mental_status|altered_behaviour|altered_behavior|confus*|disorient*|delirious|delirium|dazed|incoherent|talking_nonsense|talking_rubbish|out_of_it|spaced_out|muddled|babbling|badbad*|bahki|behki',
    'not_making_sense|not_make_sense|do_not_make_sense|does_not_make_sense|making_no_sense',
    'not|does_not|did_not|cannot ~2 recogni*|know ~3 where_he_is|where_she_is|where_i_am|where_they_are|what_day|the_day|the_date|us|me|anyone|family',
    'not_recogni*|not_knowing',
    'acting|behaving ~2 strange*|weird*|odd*|funny|drunk|oddly',
    'talking|talks|speaking ~2 irrelevant|irrelevantly|nonsense|rubbish|gibberish',
    'irrelevant_talk|irrelevant_talking',
    'ulta ~2 seedha|sidha|pulta ~2 bol*|baat*',
    'bol* ~2 ulta_seedha',
    'baat* ~3 confuse*|behki|bahki',
    'pehchan|pehchaan|pahchan ~3 nahi|na',
    'not ~2 answering|responding ~2 properly',
    'wont ~2 answer ~2 properly',
  ],
  seizure: [
    'gtcs|tonic_clonic|seizure*|seizing|seized|convuls*|fits|fitting|epileptic_fit|jhatke|jhatka|daura|daure|status_epilepticus',
    'a|had|having|another|first|big|febrile|has ~2 fit',
    'jerk* ~4 floor|arms|legs|body|all_over|uncontroll*|wont_stop|not_stopping|whole',
    'shaking|shook|shake ~3 all_over|whole_body|uncontroll*|violently|limbs|arms_and_legs',
    'whole_body|body ~2 shaking|jerking|shook|akad*',
    'eyes|aankh|aankhe|aankhen ~3 rolled|rolling|roll*|upar|chadh*|palat*',
    'froth*|foam*|jhaag ~3 mouth|muh',
    'mouth|muh ~3 froth*|foam*|jhaag',
    'mirgi ~2 daura|attack',
  ],

  // ── Allergy ──
  swelling_airway: [
    'swell*|swollen|puffy|puffed|puffing|soojan|sooj*|phool* ~3 lip|lips|tongue|mouth|hoth|jeebh',
    'lip|lips|tongue|mouth|hoth|jeebh ~3 swell*|swollen|puffy|puffed|puffing|soojan|sooj*|phool*',
    'throat|gala|gale ~3 clos*|tight*|narrow*|blocked|band|block*|thick',
    'tongue|jeebh ~3 huge|big|fat|thick|enormous',
    'tounge|tonge ~3 swell*|swollen',
  ],
  swelling_face: [
    'swell*|swollen|puffy|puffed|puffing|soojan|sooj* ~3 face|eye|eyes|eyelids|chehra|aankh*',
    'face|eye|eyes|eyelids|chehra|chehre|aankh* ~3 swell*|swollen|puffy|puffed|puffing|puffing_up|soojan|sooj*|phool*',
  ],
  throat_swelling: ['throat|gala|gale ~3 swell*|swollen|sooj*|soojan', 'swell*|swollen ~3 throat'],
  voice_change: [
    'voice|awaaz|awaz ~3 funny|weird|hoarse|changed|different|croaky|muffled|strange|badal*',
    'hoarse|hoarseness',
  ],
  hives: [
    'hives|urticaria|welts|pitti|chakte|chakatte|rash_all_over|covered_in_rash|covered_in_hives|lal_chakte',
  ],
  allergy_word: ['allerg*|anaphyla*|epipen|epi_pen|adrenaline_pen'],
  anaphylaxis_word: [
    'severe_allergic_reaction|serious_allergic_reaction|allergic_shock|anaphyla*|epipen|epi_pen|adrenaline_pen|adrenaline_auto_injector|anaphylactic_shock',
  ],
  allergic_trigger: [
    'peanut*|nut|nuts|cashew|almond|shellfish|prawn*|shrimp|sesame|satay|chikki|macchli|machhli|fish|egg|eggs',
    'sting*|stung|bee|wasp|hornet|madhumakkhi|madhumakhi|bhiday|bhirad|injection|antibiotic*|penicillin|after_eating|khane_ke_baad',
  ],

  // ── Bleeding ──
  bleeding: ['bleed*|blood|bloody|khoon|haemorrhag*|hemorrhag*|rakt|clots|clot|clotting|spotting|spotted'],
  /** Bleeding told by what it does, without the word: "pouring through the towel and it won't stop". */
  bleeding_uncontrolled: [
    'pouring|pours|poured|gush*|streaming|spurt*|soaked|soaking|drenched|still_going|still_bleeding|keeps_going|keeps_bleeding|not_stopped',
    'wont ~2 stop',
    'not|cannot|does_not|did_not|never ~2 stop*',
    'ruk|rukh|ruka|band ~2 nahi|na',
    'through ~3 towel|towels|tea_towel|cloth|clothes|bandage|bandages|dressing',
  ],
  bleeding_heavy: [
    'badly|huge_amount|big_amount|enormous_amount|massive_amount|khoon_hi_khoon|blood_everywhere|only_blood|pure_blood|sirf_khoon|heavy|heavily|heavier|excessive|excess|profuse|profusely|massive|uncontrolled|loads|a_lot|lots|lot_of|too_much|so_much|large_amount|pool|puddle|bucket*|cupful|litre*|soak*|drench*|pouring|pours|poured|gush*|flowing|streaming|non_stop|nonstop|keeps_bleeding|keeps_coming|bahut|bahut_saara|bahut_zyada|zyada|full_of|everywhere|every_hour|toilet_bowl_is_full',
    'wont ~2 stop',
    'not|cannot|does_not|did_not|never ~2 stop*',
    'ruk|rukh|ruka|band ~2 nahi|na',
    'through ~3 pad|pads|towel|towels|tampon*|clothes|sheets|tea_towel',
    'pad|pads ~4 bhar*|hour|ghante|soak*|full',
    'clots ~4 size|golf|lemon|fist|palm|orange|egg|plum|big|large|huge',
    'big|large|huge ~2 clots|clot',
    'severe|serious|major|massive|bad ~2 bleeding|bleed|blood_loss|haemorrhage|hemorrhage',
  ],
  bleeding_light: [
    'spotting|spot|streak*|few_drops|little|slight|light|pink|brown|thoda|thodi|halka|halki|halke|when_i_wiped|on_the_tissue|tissue',
  ],
  pulsing: [
    'spray*|shooting_out|shoots_out|spurt*|pulsing|pulses|pulsat*|pumping|pumps|squirt*|jet|jets|jetting|fountain|in_time_with|with_each_heartbeat|with_my_heartbeat|with_his_heartbeat|with_her_heartbeat|heartbeat',
  ],
  wound: ['cut|cuts|wound|wounds|gash|laceration|sliced|slice|stab*|glass|knife|ghaav|ghav|zakhm|chot'],
  /** Stains rather than blood ("halke dhabbe"): only read as spotting in a pregnancy. */
  pregnancy_stains: ['dhabbe|dhabba|daag|staining|brown_discharge'],
  /** Pads soaked through in an hour: heavy bleeding even when the word blood is not said. */
  pads_soaked: [
    'soak*|filling|filled|through|bhar* ~3 pad|pads|maternity_pad|maternity_pads|towel|towels',
    'pad|pads ~3 an|every|per|each ~1 hour|hr|half_hour|ghante',
  ],
  period: ['period|periods|menstrua*|mahwari|mc|menses|tampon*'],
  postpartum: [
    'delivery|delivered|birth|c_section|csection|caesarean|cesarean|lscs|had_my_baby|had_a_baby|had_the_baby|gave_birth|given_birth|postpartum|post_partum|postnatal|post_natal|prasav|maternity_pad|normal_delivery',
  ],
  vomit_blood: [
    'vomit*|throw*_up|threw_up|puk*|ulti|been_sick ~6 blood|bloody|khoon|coffee|coffe|grounds|black_bits|dark_bits',
    'blood|khoon ~2 in|ki|wali|jaisi ~2 vomit*|ulti|sick',
    'coffee|coffe ~2 grounds|ground|jaisi|jaisa',
    'vomit*|ulti|sick|throw*_up|throwing_up|threw_up|bringing_up ~6 coffee|coffe|grainy|granules|gritty|grounds',
    'vomit*|sick|ulti ~6 bright_red|red_blood|fresh_blood|blood_in_it',
    'haematemesis|hematemesis',
  ],
  stool_black: [
    'stool*|poo|poos|poop|poops|motion|motions|latrine|tatti|potty|bowel_movement*|faeces|feces|mal|diarrhoea|diarrhea|dast ~5 black|tarry|tar|sticky|maroon|kaala|kaali|kali|coal',
    'black|tarry|kaala|kaali|kali ~3 stool*|poo|poos|poop|motion|motions|tatti|latrine|potty|diarrhoea|diarrhea|dast',
    'melena|malena|melaena',
    'like ~2 tar',
  ],
  stool_blood: [
    'blood|bloody|khoon|bleed* ~5 stool*|poo|poos|poop|motion|motions|latrine|tatti|potty|back_passage|bottom|bum|rectum|rectal|anus',
    'stool*|poo|poos|poop|motion|motions|latrine|tatti|potty|back_passage|bottom|bum ~4 blood|bloody|khoon|bleed*',
    'rectal_bleeding|bleeding_from_the_back_passage',
  ],
  iron_tablets: ['iron|ferrous|bismuth|pepto|beetroot'],
  cough_blood: [
    'cough*|khansi|khaansi|spit*|sputum|phlegm|balgam ~4 blood|khoon|bloody',
    'blood|khoon ~3 in ~2 sputum|phlegm|spit',
    'haemoptysis|hemoptysis',
  ],
  urine_blood: [
    'blood|bloody|khoon ~4 urine|wee|pee|peshab',
    'urine|wee|pee|peshab ~3 blood|khoon|red|laal',
    'haematuria|hematuria',
  ],

  // ── Mental health ──
  suicidal: [
    'suicid*|khudkushi|khudkhushi|aatmahatya|atmahatya',
    'kill ~2 myself|himself|herself|me',
    'end|ending ~2 my|his|her ~2 life|own_life',
    'end_it_all|end_it|end_everything|take_my_own_life|take_my_life|took_an_overdose|overdos*',
    'want|wanna|wanted ~2 to ~2 die',
    'better_off ~4 dead|gone|not_around|not_here',
    'want_to_die|wanna_die|wish_i_was_dead|wish_i_were_dead|better_off_dead|rather_be_dead|ready_to_die',
    'do|does|did ~2 not ~2 want ~3 live|alive|exist|wake_up|be_here',
    'self_harm|selfharm|self_harming',
    'harm ~2 myself|himself|herself',
    'use|turn ~3 it|knife|blade|razor|gun ~2 on ~1 myself|himself|herself',
    'cutting|hurting ~2 myself|himself|herself',
    'want|wanna|thinking|thoughts|urge|urges ~4 hurt|cut|harm ~2 myself',
    'hang ~2 myself|himself|herself',
    'jump* ~5 bridge|building|terrace|roof|train|track|in_front',
    'step*|walk*|jump*|throw|throwing|run|running ~3 in_front_of|infront_of|under ~3 lorry|truck|bus|train|car|cars|traffic',
    'chhat|pul|bridge|building|terrace|train|patri ~3 se|par|ke_aage ~3 kood*|kud*|jump*',
    'kood*|kud* ~3 jaunga|jaungi|jaega|jayega|jaegi|jayegi|jaan_de*',
    'nahi ~2 jeena|jina|jeene',
    'jeena|jina|jeene ~3 nahi|na ~2 chahta|chahti|chahte|hai',
    'marna|mar_jana|mar_jaun|mar_jaunga|mar_jaungi|marna_chahta|marna_chahti|khatam_kar_lunga|khatam_kar_lungi|khatam_kar_dunga|khatam_kar_dungi|khatam_kar_dega|khatam_kar_degi',
    'fansi|faansi|phansi|phaansi ~3 laga*|lagana|lagane|lagaunga|lagaungi|le|lena|lunga|lungi|lega|legi',
    'khud_ko_khatam|apne_aap_ko_khatam|khatam_karna_chahta|khatam_karna_chahti|sab_khatam|zindagi_khatam|jaan_de|jaan_dena|apni_jaan',
  ],
  hopeless: [
    'hopeless|no_hope|no_point|pointless|worthless|burden|no_way_out|trapped|cannot_go_on|nothing_to_live_for|empty_inside|cannot_do_this_anymore|cannot_take_it_anymore|cannot_cope_anymore',
    'tired ~2 of ~2 living|life|everything',
    'no ~2 point|reason ~4 living|live|life|anymore|going_on',
    'not ~2 worth ~2 it|living',
    'want ~3 everything|it_all|it ~2 to ~2 stop|end',
    'better_off_without_me|better_off_without|nobody_would_miss|no_one_would_miss|nobody_will_miss|no_one_will_miss|nobody_cares|no_one_cares',
    'do|does|did not ~2 see ~2 the|any ~2 point',
    'koi_fayda_nahi|umeed_nahi|zindagi_bekar|zindagi_se_thak|thak_gaya_hu|thak_gayi_hu|jeene_ka_mann_nahi|jeene_ka_man_nahi|mann_nahi_karta',
    'jeene ~3 mann|man ~2 nahi|na',
    'wish ~4 disappear|vanish|not_wake_up|never_wake_up|not_be_here|was_gone|were_gone|not_exist|could_sleep_forever',
    'everyone|everybody|family|they|sab|sabko ~4 better ~2 without_me|off_without_me|if_i_was_gone|if_i_were_gone',
  ],
  /** Preparation that needs no other sign: stockpiled means, a noose, goodbye letters, giving things away. */
  suicide_means_strong: [
    'saving|saved|stockpil*|hoard*|collect*|collecting|hid|hidden|hiding|stash*|jama|ikattha|ikatha ~6 pills|tablets|tabs|sleeping_pills|goli*|dawai|dawa|them|pens|insulin|meds|medicine*|medication*',
    'belt|rope|dupatta|scarf|cord|cable|wire|chunni|rassi|ligature|noose ~3 round|around ~2 his|her|my|the ~1 neck|throat',
    'hanging|hanged|hang ~3 himself|herself|myself|from|fan|ceiling',
    'pills|tablets|tabs|goli*|goliyan ~4 jama|ikattha|ikatha|saved|stockpil*|hoard*|collect*|hidden',
    'bought|buy*|got|have|kept|keeping|ready|kharid*|khareed*|le_aaya|le_aayi|le_aaye|laaya|layi|rakh* ~6 rope|noose|charcoal|gun|rassi|fanda',
    'rope|noose|rassi|fanda ~4 ready|bought|kharid*|khareed*|rakh*|le_aaya|le_aayi|le_aaye|laaya|layi',
    'tied ~3 rope|noose|dupatta|ceiling|fan',
    'how_many|how_much ~7 kill|die|lethal|fatal|enough_to|it_would_take|would_it_take|to_take_to|it_takes|does_it_take',
    'lethal_dose|fatal_dose',
    'written|wrote|writing|left|sent ~3 letter|letters|note|notes|messages|goodbye_letter ~3 family|kids|children|wife|husband|mum|mom|parents|goodbye|everyone|us_all|us',
    'suicide_note|goodbye_note|goodbye_letter|goodbye_letters',
    'exhaust_pipe|exhaust_fumes|hose_pipe|hosepipe|car_fumes|charcoal_burning|charcoal',
    'giving|gave|given ~4 stuff|things|belongings|possessions ~2 away',
    'said|saying ~2 goodbye|goodbyes',
    'affairs_in_order|sorted_out_my_affairs|put_my_affairs',
    'wont_be_around|will_not_be_around|not_be_around|not_going_to_be_around|wont_be_here',
    'worked_out ~2 where|how|when',
    'going_to_take_them|take_them_tonight|take_them_all|counted_out|counted_them',
    'pills|tablets|tabs|goli*|meds|painkillers ~3 lined_up|laid_out|set_out|counted_out|ready|in_a_row',
    'going_to|gonna|will ~2 take|swallow ~3 all|every|whole ~3 pills|tablets|them|meds|medicine*|lot',
    'something ~3 about ~3 bridge|jump*|roof|train',
    'stood|standing|sitting|climbed ~4 bridge|ledge|rooftop|roof|railway|tracks|cliff',
    'texted|messaged|sent|said|posted|wrote|written|left ~3 goodbye|goodbyes|bye_forever',
    // A hose from the car exhaust: the method is the plan.
    'car|exhaust ~6 hose|hosepipe|pipe|tube',
    'hose|hosepipe|pipe|tube ~6 car|exhaust|garage',
  ],
  /** Saying when or how: with any means or hopelessness it is an emergency. */
  suicide_intent: [
    'going_to_do_it|gonna_do_it|do_it_tonight|do_it_today|planned_how|planned_it|plan_to_end|made_a_plan|have_a_plan|i_have_a_plan|kar_lunga|kar_lungi|know_how_i_am_going',
    'know|decided|picked|chosen ~3 where|when|how ~4 do_it|going_to|gonna',
    'made_my_mind_up|made_up_my_mind|mind_is_made_up|ill_do_it|i_will_do_it|i_will_do_it_tonight|do_it_when|do_it_while|doing_it_tonight',
  ],
  /** Means without preparation: only with hopelessness or explicit intent is it an emergency. */
  suicide_means_weak: [
    'bought|buy*|got|kept|keeping|kharid*|khareed*|le_aaya|le_aayi|le_aaye|laaya|layi ~6 pills|tablets|tabs|sleeping_pills|poison|pesticide|insecticide|rat_poison|zeher|blade|blades|razor|goli*|dawai|dawa',
    'pills|tablets|goli*|rope|knife|blade ~3 in_front_of_me|next_to_me|with_me|beside_me|in_my_hand',
    'pills|tablets|goli*|dawai|dawa|zeher|poison|pesticide ~4 kharid*|khareed*|le_aaya|le_aayi|le_aaye|laaya|rakh*|ready',
    // Putting affairs in order: giving away what one loves, a note left behind.
    // Giving away what one treasures (NHS warning sign); old clothes to charity are not (evidence.ts).
    'giving_away|gave_away|given_away',
    'given|gave|sold ~3 my|his|her ~1 cat|dog|pet|things|stuff|belongings|possessions ~2 away|to',
    'letter|letters|note|notes ~2 for|to ~2 my|his|her ~1 mum|mom|dad|family|kids|children|wife|husband|parents|partner',
    'standing|stood|waiting|sat|sitting ~3 by|near|on|at ~3 dual_carriageway|motorway|railway|tracks|bridge|cliff|ledge|roof',
    'razor|razors|blade|blades|pills|tablets|knife|rope ~3 missing|gone|hidden',
    'locked ~3 herself|himself|themselves ~3 in',
    'rope|noose|ligature|rassi|fanda',
    'train_line|train_tracks|railway_line|railway_track|railway_tracks|the_tracks|level_crossing|bridge|cliff|motorway_bridge|top_floor|rooftop',
  ],

  // ── Poisoning, overdose, bites ──
  ingest: [
    'took|taken|take|swallowed|swallow|ate|eaten|eat|had|consumed|consumption|consume|ingested|drank|drunk|drink|popped|downed|gulped|overdosed|kha|khaa|khai|khayi|khaya|khali|khaali|khaake|pee|pi|pi_li|pee_li|piya|pee_liya|pi_liya|gatak*|le_li|li|liya|licked|chewed|found',
  ],
  ingest_strong: [
    'swallowed|drank|drunk|ingested|gulped|pi_li|pee_li|piya|pee_liya|pi_liya|gatak*|gatka|downed',
    'kha ~2 li|liya|lee|lin|gaya|gayi|gaye',
    'pee|pi ~2 li|liya|gaya|gayi',
  ],
  /** Poisons where any ingestion is an emergency. */
  poison: [
    'anti_freeze|pesticide*|insecticide*|keetnashak|organophosph*|rat_poison|rat_killer|ratol|weedkiller|weed_killer|paraquat|roundup|herbicide|celphos|sulphas|phosphide|naphthalene|mothball*|bleach|harpic|toilet_cleaner|drain_cleaner|kerosene|antifreeze|zeher|poison|poisoned|poisoning|datura|dhatura|button_battery|mitti_ka_tel|phenyl|phenol',
    'keede|keedo|keet|kide ~3 maar*|mar*|nashak',
    'chuha|chuhe|chuho|chuhon ~3 maar*|mar*',
    'kheton|kheto|khet|fasal|spray ~3 wali|ki ~2 dawai|dawa',
  ],
  /** Household substances that are only a poisoning when swallowed or drunk. */
  poison_weak: [
    'washing_up_liquid|dish_soap|dishwashing_liquid|soap|shampoo|acid|petrol|diesel|thinner|turpentine|dettol|detergent|washing_powder|battery|batteries|magnet|magnets|nail_polish_remover|perfume|sanitiser|sanitizer|cleaner|cleaning_liquid|dishwasher_tablet|dishwasher_tablets|detergent_pod|washing_pod|laundry_pod|liquitab|liquitabs|mouthwash|antifreeze|bleach|phenyl|lizol|colin|surf',
  ],
  food_poisoning: ['food_poisoning|stomach_bug|tummy_bug|gastro'],
  drug: [
    'tablet*|tabs|tab|pills|pill|capsule*|caps|goli*|dawai|dawa|medicine*|meds|strip|strips|packet|pack|bottle|syrup|pens|insulin|painkiller*|vitamin*|gummies',
    'paracetamol|paracetomol|acetaminophen|tylenol|crocin|dolo|calpol|panadol|ibuprofen|brufen|advil|combiflam|aspirin|disprin|ecosprin|co_codamol|cocodamol|codeine|tramadol|morphine|oxycodone|opioid*|heroin|fentanyl|methadone',
    'sleeping_pills|sleeping_tablets|alprazolam|alprax|xanax|diazepam|valium|clonazepam|clonotril|lorazepam|ativan|zolpidem|benzo*',
    'amitriptyline|sertraline|sertaline|fluoxetine|escitalopram|citalopram|paroxetine|antidepressant*|quetiapine|olanzapine|lithium',
    'metformin|glimepiride|gliclazide|amlodipine|atenolol|metoprolol|propranolol|digoxin|warfarin|iron|bp_ki|bp_tablets|heart_ones|heart_pills',
  ],
  overdose_bulk: [
    'whole|entire|full|poora|poori|saari|saare ~3 strip|strips|packet|pack|bottle|box|goliyan',
    'took|swallowed|downed|taken|gulped|ate|kha_li|kha_liye|injected|used ~2 all ~4 pills|tablets|tabs|goli*|medicine*|meds|paracetamol|insulin|pens',
    'injected|injecting|gave_myself|given_myself ~3 all|whole|lot|loads|extra ~3 insulin|pens|units|pen',
    'all ~2 the|of_the|of_my|of_his|of_her ~2 pills|tablets|tabs|goliyan ~3 at_once|together|in_one_go',
    'load|loads|bunch|handful ~2 of ~3 pills|tablets|tabs|goli*|ibuprofen|paracetamol|medicine*|meds',
    'a_load_of|handful_of|bunch_of',
    'emptied|finished|downed ~3 bottle|packet|pack|box|strip|tub|jar',
    'took|swallowed|ate ~2 everything|all ~4 medicine_cabinet|cabinet|cupboard|medicine_box',
    'dozens|dozen|loads|lots|a_lot|too_many|lot ~2 of ~3 pills|tablets|tabs|painkiller*|medicine*|meds',
    'swallowed|downed|gulped|drank|took|taken ~3 whole|entire|all ~4 tablets|pills|meds|medicine*|bottle|supply|worth|lot|prescription|box|boxes|packet|packets|strip|strips|stash',
    'overdose|overdosed',
    // "OD" as patients write it; "500 mg od" (once daily) is not one.
    'od_on|od_d|odd_on|oded',
    'took|taken|did|done|had ~1 an|a ~1 od',
  ],
  extra_dose: [
    'double_dose|extra_dose|twice_by_mistake|took_it_twice',
    'too_much ~3 medicine|insulin|tablets|dose|dawai|dawa',
  ],
  snakebite: ['snakebite|sarpdansh|snake_bite|bitten_by_a_snake'],
  snake_sap: ['sap|saap ~2 bite|bit|bitten|kaata|kata|kaat*|dasa'],
  snake: [
    'snake*|saanp|naag|naagin|cobra|krait|viper|russell*|sarp|snakebite|sarpdansh',
    // Fang marks: two small punctures side by side (WHO snakebite).
    'fang|fangs|fang_marks',
    'two|2|do ~2 small|tiny|little|chhote|red ~1 marks|holes|punctures|puncture_marks|dots|nishan|wounds',
  ],
  /** Neurotoxic envenoming (WHO): drooping eyelids, trouble swallowing, double vision. */
  neurotoxic: [
    'eyelid*|eyelids|lids|palke|palken ~3 droop*|heavy|closing|falling|gir*',
    'cannot ~2 open ~2 eyes|her_eyes|his_eyes',
    'cannot ~3 swallow|nigal*',
    'swallow* ~3 difficult*|trouble|properly|hard',
    'trouble|difficulty|problem ~2 swallowing',
    'double_vision|seeing_double',
  ],
  bite: [
    'bit ~1 me|him|her|my|his|our|the|your',
    'bite|bites|bitten|biting|kaat*|kata|kaata|kaati|kaatne|kaatna|dasa|dans|das_liya|nocha|scratch*',
  ],
  animal: [
    'dog|dogs|cat|cats|monkey|bandar|kutta|kutte|kuttey|kutiya|billi|bat|rat|chuha|fox|jackal|animal|puppy|kitten|stray',
  ],
  vaccine_done: [
    'teeke|tike|tika|teeka|doses|dose|injections|injection|shots|vaccine|vaccines|course ~4 lag_chuke|lag_gaye|lag_gaya|done|completed|complete|taken|given|had|received|poora|pura|ho_gaya|ho_gaye|finished',
    'kab|when ~4 lagwana|lagwaana|due|next',
    'third|fourth|second|teesra|chautha|chauthaa|teen ~2 dose|teeke|tike|injection',
    'vaccinated|fully_vaccinated|up_to_date_with_its_jabs|had_its_jabs',
  ],
  scorpion: ['scorpion|bichhu|bicchu|bichu'],

  // ── Burns ──
  burn: [
    'firework*|cracker*|exploded|burn|burns|burnt|burned|scald|scalded|scalds|scalding|jal_gaya|jal_gayi|jal_gaye|jala|jale|jali|jhulas*|chip_pan|caught_fire|on_fire|flames|blast|explosion',
    'boiling|hot ~2 water|oil|tea|chai|dal|milk|tel|paani|soup ~5 spill*|splash*|pour*|fell|gir*|over|pulled',
    'kettle ~5 pulled|spill*|over|fell',
    'touched|put|grabbed|held|leaned|fell ~4 hot|boiling ~2 iron|pan|stove|oven|kettle|plate|tawa|cooker|heater|radiator|hob|grill',
    'spill*|spilt|pour*|knocked|pulled|tipped ~4 hot|boiling ~2 water|oil|tea|chai|coffee|milk|soup|kettle|pan',
    // A drink pulled over a child is a scald even without "hot".
    'spill*|spilt|pour*|knocked|pulled|tipped ~4 cup|mug|tea|coffee|chai|kettle|soup|teapot ~4 over|onto|on|down',
    'garam ~2 tel|paani|chai|doodh|dal ~3 gir*|pad*',
    // Touching a heat source is a contact burn without the word hot.
    'touched|grabbed|held|leaned_on|put_her_hand_on|put_his_hand_on|put_my_hand_on ~3 oven|oven_door|hob|iron|stove|kettle|radiator|heater|tawa|cooker|grill|pan|exhaust',
    'chulha|chulhe|stove|angeethi|cylinder|gas ~5 aag|jal*|fire|flames|blast|phat*',
    'aag ~2 lag*|lagi|laga|pakad*',
  ],
  burn_severe: [
    'skin|chamdi|khaal ~6 peel*|peeling|coming_off|came_off|hanging|white|leathery|charred|black|waxy|raw|utar*|nikal*|chhil*|safed|kaali|kaala',
    'whole|entire|poora|pura|saara|saari ~2 arm|leg|haath|pair|pet|chehra|body|back|chest|face',
    'blister* ~4 big|large|huge|all_over|many|lots|whole|burst',
    'big|large|huge ~2 blister*',
    'white|charred|black|leathery ~3 skin|burn|patch|mark',
    'does_not_hurt|no_pain|painless|cannot_feel ~3 it',
    'bigger_than|size_of ~3 palm|hand|plate',
    'burn|burns|burnt|burned|scald*|jal_gaya|jal_gaye|jal_gayi|jale|jala ~6 face|neck|chest|hands|genital*|private*|groin|whole|tummy|pet|stomach|dono',
    'face|neck|chest|hands|genital*|groin|pet|dono_pair ~4 burn|burns|burnt|burned|scald*|jal_gaya|jal_gaye|jal_gayi|jale|jala',
    'chemical|acid ~3 burn*|splash*|face|eye|skin',
    'hoarse|coughing_black|black_sputum|soot|smoke_inhalation',
    'severe|serious|major|deep|third_degree|full_thickness|extensive ~2 burn|burns|burnt|scald|scalds',
    // Burning clothes wrap a body: a large, deep burn (NHS burns: A&E).
    'clothes|clothing|dress|nightie|nightdress|shirt|sleeve|saree|sari|dupatta|chunni|kapde|kapda|kapdon|hair|baal ~4 caught_fire|on_fire|fire|aag|flames|jal*|lit',
    'caught_fire|on_fire|aag ~4 clothes|clothing|dress|nightie|shirt|sleeve|saree|sari|dupatta|chunni|kapde|kapda|kapdon',
  ],
  chemical_burn: [
    'tezaab|tejab|tezab ~4 gir*|phenk*|dal*|pad*|splash*|face|chehre|chehra|aankh*|skin',
    'acid|chemical|chemicals|caustic|lye|bleach|cement ~4 splash*|spill*|burn*|thrown|skin|eye|eyes|face',
    'splash*|spill*|thrown ~4 acid|chemical|chemicals|caustic|lye|bleach',
    'acid_attack|chemical_burn|chemical_burns',
  ],
  electrical: [
    'touched|grabbed|held|caught ~3 wire|wires|socket|plug|current|live',
    'electric_wire|electric_wires|bare_wire|live_wire|electrocut*|electric_shock|current_laga|current_lag|bijli_ka_jhatka|electric_current|high_voltage',
  ],
  burn_site: ['hand|hands|palm|palms|foot|feet|face|arm|arms|leg|legs|genital*|groin|haath|pair|chehra'],
  blister: ['blister*|blistery|chhala|chhale|phapole|phaphole'],
  small: ['small|tiny|little|pea|chhota|chhoti|minor|bit_of'],

  // ── Pregnancy ──
  pregnant: [
    'pregnan*|pregnent|preggers|preggo|expecting|garbhvati|garbhavati|garbhwati|garbhavastha|pet_se|antenatal|prenatal|trimester|gestation',
    '#n weeks|wks|wk|week|mahine|mahina|months|month ~2 pregnant|pregnancy|gone|along',
    // "I think I'm about 6 weeks": a woman counting weeks about herself.
    'i_am ~2 #n weeks|wks|wk',
    // Hindi "garbh mein 8 hafte" (8 weeks in the womb), "pet mein bachcha".
    'garbh ~2 #n ~1 hafte|hafta|weeks|week|mahine|mahina|months',
    '#n ~1 hafte|hafta|weeks|mahine|mahina|months ~2 ka|ki ~1 garbh',
    'pet|garbh ~2 me|mein|main ~1 bachcha|baccha|bachha|bacha',
  ],
  /** "Mild cramps", "halka dard": a pain the patient calls slight. */
  mild_cue: [
    'mild|mildly|slight|slightly|niggle|niggly|niggling|twinge|twinges|halka|halki|halke|thoda_sa|thodi_si',
  ],
  early_pregnancy: [
    'positive ~3 test|pregnancy_test|upt|kit',
    'test|upt|kit ~3 positive|came_positive',
    'period|periods|mc|mahwari|mahina ~4 late|missed|nahi_aaya|nahi_aayi|not_come|did_not_come|has_not_come|overdue|delayed|miss',
    'missed ~2 period*|mc',
    'late|missed|delayed|overdue ~2 period*|mc|mahwari',
    'early_pregnancy|first_trimester|ivf|embryo_transfer|amenorrh*',
  ],
  one_sided_pain: [
    'one_side|one_sided|left|right|ek_taraf|side|baayi|daayi|daaye|baaye ~5 pain*|cramp*|ache|stab*|sharp|dard|hurt*',
    'pain*|cramp*|ache|stab*|sharp|dard ~5 one_side|left|right|side|ek_taraf',
  ],
  shoulder_tip: [
    'shoulder_tip',
    'tip_of ~2 shoulder',
    'top_of ~2 shoulder|shoulders',
    'kandhe|kandha|shoulder ~4 dard|pain|hurt*',
    'pain|dard ~4 shoulder|kandhe|kandha',
  ],
  abdominal_pain: [
    'stomach|abdominal|abdomen|belly|tummy|pet|pait|pelvic|pelvis|lower_tummy|lower_abdomen|lower_belly|low_down|cramp*|cramping ~3 pain*|ache*|hurt*|dard|cramp*',
    'pain*|ache|dard|cramp* ~4 stomach|abdomen|belly|tummy|pet|pelvis|lower_tummy|lower_abdomen|lower_belly|low_down',
    'cramping|cramps',
  ],
  severe_cue: [
    'severe|severely|excruciating|unbearable|agony|agonising|agonizing|worst|terrible|really_bad|very_bad|so_bad|bahut_tez|bahut_zyada|bhayankar|tez|rolling_around|doubled_over|cannot_bear|screaming',
  ],
  waters: [
    'waters ~2 broke|broken|leaking|gone|went',
    'water|fluid|paani ~3 leak*|gush*|coming|gir*|beh*|nikal*',
  ],
  fetal_reduced: [
    'baby|bachcha|baccha ~4 not_moving|not_moved|has_not_moved|moving_less|moved_less|hardly_moving|hardly_moved|stopped_moving|not_kicking|less_movement|movement_kam|hil_nahi',
    'baby|fetal|foetal|bachcha|baccha ~3 movements|movement|kicks ~3 less|fewer|reduced|stopped|kam|slowed',
    'reduced ~2 fetal|foetal|baby ~2 movement*',
    'not ~3 felt ~3 baby|kicks|movement*',
    'no ~2 movement|movements|kicks|kicking ~4 baby',
    'baby|bachcha ~3 not ~2 kicked|moved|moving|kicking',
    'hardly_anything|barely_moving',
  ],
  pre_eclampsia_sign: [
    'swell*|swollen|puffy|soojan|sooj* ~3 face|hands|feet|fingers|pair|pairon|haath',
    'face|hands|feet|fingers|pair|pairon|haath ~3 swell*|swollen|puffy|soojan|sooj*',
  ],

  // ── Urology, torsion, cauda equina ──
  testicle_pain: [
    'pain*|agony|hurt*|ache|aching|dard|kicked|swelling|swollen|lump ~4 left_ball|right_ball|one_ball|ando|andon|testic*|testis|testes|scrot*|balls|nuts|goolies|bollock*|private_bits|private_parts|privates|down_there|andkosh|gotiyan',
    'ande|anda ~2 me|mein ~3 dard|sujan|soojan|sooj*|pain',
    // A blow to the groin in a boy or man is a blow to the testicles.
    'hit|kicked|struck|whacked|kneed|smashed ~4 groin|crotch',
    'left_ball|right_ball|one_ball|ando|andon|testicle*|testic*|scrot*|balls|nuts|goolies|bollock*|private_bits|private_parts|privates|andkosh|gotiyan ~4 pain*|agony|hurt*|ache|aching|dard|swollen|swelling|sooj*|higher|twist*|killing',
  ],
  onset_abrupt: [
    'came_on|woke_up_with|woke_with|woken_by|during_sleep|in_his_sleep|in_the_night|overnight|neend_me|raat_ko_achanak',
  ],
  female_relative: ['wife|patni|sister|behen|bahen|bahu|daughter|beti|bhabhi|girlfriend|didi|partner'],
  testicle_swollen: [
    'testicle*|testic*|balls|nuts|scrotum|andkosh ~3 swollen|swelling|sooj*|higher|hard|bigger',
    'swollen|swelling ~3 testicle*|testic*|balls|nuts|scrotum',
  ],
  worsening: [
    'getting_worse|worsening|worse_and_worse|keeps_getting_worse|badhta_ja_raha|badh_raha|badh_rahi',
  ],
  saddle_numb: [
    'numb*|no_feeling|cannot_feel|lost_feeling|loss_of_feeling|lost_sensation|no_sensation|reduced_feeling|tingl*|pins_and_needles|sunn ~6 between_my_legs|between_the_legs|between_his_legs|between_her_legs|between_legs|saddle|bum|buttock*|bottom|back_passage|anus|genital*|private*|groin|inner_thighs|perineum|vagina|penis|down_below|down_there',
    'saddle|bum|buttock*|bottom|genital*|groin|private_parts|down_below ~5 numb*|no_feeling|sunn|tingl*',
    'guda|gudaa|anus|neeche|niche ~3 sunn*|sunnpan|numb*',
    'sunn*|sunnpan ~3 guda|gudaa|neeche|niche',
    'cannot ~3 feel ~4 toilet_paper|wiping|wipe|bum|bottom|when_i_wipe',
    'saddle_anaesthesia|saddle_anesthesia|saddle_numbness',
  ],
  incontinence: [
    'incontinen*|wet_myself|wet_himself|wet_herself|peed_myself|pissed_myself|soiled|pooed_myself|pooped_myself',
    'accident_with ~2 bowel*|bladder',
    'wet ~3 bed|pants|myself|himself|herself',
    'lost|losing|no ~2 control ~3 bladder|bowel*|pee|urine|wee|poo',
    'cannot ~3 control ~3 bladder|bowel*|urine|pee|wee|poo',
    'cannot ~3 pee|urinate|wee|pass_urine|empty ~2 bladder',
    'accident ~3 bowel*|bowels|bladder|wee|pee',
    'peshab|pesab ~3 control_nahi|ruk|kapde|niyantran_nahi|kaabu_nahi',
    'peshab|pesab ~2 nahi|na ~2 ho|aa|utar|nikal*',
    'retention|urinary_retention',
  ],
  incontinence_stress: ['when ~2 cough*|sneez*|laugh*|jump*|exercis*|running|lift*'],
  back_pain: [
    'back|lower_back|spine|kamar|peeth ~3 pain*|ache*|aching|hurt*|dard|injur*|spasm|killing',
    'pain*|ache|dard ~3 back|kamar|peeth|spine',
    'sciatica|slipped_disc|disc|disk|backache|back_ache',
  ],
  uti: [
    'burning|sting*|hurt*|pain*|jalan ~3 wee|wees|weeing|pee|pees|peeing|urine|urination|urinating|peshab|pesab|micturition|passing_urine',
    'peshab|pesab|urine|wee|pee ~3 jalan|dard|burning|sting*|smell*|stinky|cloudy',
    'stinky|smelly|smells ~2 wee|pee|urine',
    'cries|crying|screams ~3 wee|wees|pee|pees',
    'uti|urine_infection|urinary_infection|bladder_infection|cystitis|water_infection|kidney_infection|pyelonephritis',
    'peeing|weeing|urinating|wee|pee ~2 burns|burning|hurts|stings|stinging|painful',
    'bar_bar ~2 peshab|pesab',
  ],
  loin_pain: [
    'side|loin|flank|back ~3 under ~2 ribs',
    'pain* ~5 side|loin|flank|back ~2 right|left',
    'back_pain|kamar_dard|loin|flank',
    'back ~3 one_side|on_one_side|ek_taraf',
  ],
  renal_colic: [
    'waves|wave|colicky|colic ~6 back|groin|side|loin',
    'back|side|loin ~4 round|to ~2 groin',
    'kidney_stone|kidney_stones|stone|stones|pathri|pathari',
  ],

  // ── Diabetes ──
  diabetic: [
    'diabet*|sugar_patient|sugar_ka_patient|sugar_ki_bimari|type_1|type_2|t1d|t2d|insulin|metformin|glucometer|sugar',
  ],
  ketones_high: [
    'ketone|ketones ~3 high|positive|large|moderate|raised|+++|++|3+|2+|dark_purple',
    'high|raised|large ~2 ketones',
    'dka|ketoacidosis',
  ],
  insulin_missed: [
    'insulin ~3 missed|chhoot*|chhut*|forgot|forgotten|skipped|ran_out|run_out|not_taken|nahi_li|nahi_lagaya|khatam',
    'missed|forgot|forgotten|skipped ~3 insulin',
  ],
  kussmaul: [
    'breathing|breaths|breath|saans ~4 deep|gehri|gehra|sighing|gulping',
    'deep ~3 breath*|breathing|saans',
    'air_hunger|kussmaul',
  ],
  fruity_breath: [
    'breath|saans|muh ~6 fruity|fruit|fruit_jaisi|pear_drop*|peardrop*|nail_polish|nail_varnish|acetone|sweet|remover',
    'pear_drops|fruity_smell|fruity_breath|smells_like_pear|pear_drop|peardrops',
    'smell* ~3 like ~2 pear*|nail*|acetone',
  ],
  sugar_high_words: ['sugar|glucose ~3 high|badh*|zyada|very_high|bahut_high'],
  sugar_low_words: ['hypo|hypoglycaemia|hypoglycemia', 'sugar|glucose ~3 low|dropped|crashed|gir*|kam|down'],
  thirst: ['very_thirsty|thirsty|drinking_loads|drinking_lots|pyaas|pyas|bahut_pyaas|lalach_se_pee'],
  weeing_lots: [
    'weeing_loads|peeing_loads|peeing_a_lot|weeing_a_lot|urinating_a_lot|bar_bar_peshab|frequent_urination|passing_urine_a_lot|peeing_all_the_time|weeing_all_the_time|wetting_the_bed|wetting_again',
  ],

  // ── Trauma ──
  trauma: [
    'came_off|fell_off|thrown_off|knocked_off|durghatna*|sadak_durghatna*|takkar_ho|fell|fall|fallen|falling|accident|crash*|collision|hit_by|knocked_down|knocked_over|tackle|tackled|dived|diving|dive|thrown|landed|gir|gira|giri|gire|gir_gaya|gir_gaye|gir_gayi|takkar|rta|bike_se|injury|injured',
  ],
  neck_back_injury: [
    'neck|gardan|back|spine|kamar|peeth ~3 pain*|hurt*|hurts|ache|dard|injur*|really_hurts|bahut_dard',
    'pain*|dard ~3 neck|gardan|back|spine',
  ],
  cannot_move_legs: [
    'cannot ~3 move|feel|lift ~3 legs|leg|feet|arms|hands|pair',
    'legs|leg|arms|hands|fingers|feet|pair ~3 not_working|numb*|tingl*|wont_move|dead|weak|floppy|pins_and_needles|paralys*|weird|funny|strange|sunn|kamzor|heavy',
    'pair|pairon|haath|haatho|hathon ~3 hila|hil|utha ~2 nahi|na',
    'pair|pairon|haath|haatho|hathon ~3 sunn|kamzor*|jhunjhuni',
    'pair|pairon|haath|haatho|hathon|legs ~2 nahi|na ~2 hil*|utha*|chal*|uth*',
    'pair|pairon|haath|legs|hands|feet ~4 feel|mehsoos|ehsaas ~2 nahi|na',
    'sunn|sunnpan ~3 pair|haath|haatho|hathon',
    'paralys*|all_four_limbs|all_limbs|quadripar*|quadripleg*|parapar*|parapleg*|tetrapleg*',
    'pins_and_needles|tingling ~4 arms|legs|both',
  ],
  head_injury: [
    'head_injury|head_trauma|head_wound|concussion',
    'hit|hits|bang*|banged|bump*|knock*|struck|smash* ~5 head|sir|sar',
    'head|sir|sar ~3 hit|bang*|bump*|knock*|injur*|trauma|chot|phat*|fat|fata|fati',
    'fell|fall|gir* ~5 head|sir|sar',
    'sir|sar|head ~3 ke_bal|ke_bhal|par|pe ~2 gir*|gira|giri|gire',
    'chot ~3 sir|sar|head',
  ],
  anticoagulant: [
    'khoon_patla|khoon_ko_patla|khoon_patla_karne|blood_thinning|warfarin|apixaban|rivaroxaban|edoxaban|dabigatran|clopidogrel|ticagrelor|eliquis|xarelto|pradaxa|anticoagul*|bloodthinner|bloodthinners|acitrom|acenocoumarol|heparin',
  ],
  amnesia: [
    'cannot_remember|does_not_remember|did_not_remember|memory_loss|amnesia|bhool|forgot_what_happened',
    'forgetting|forgets|forgot|cannot_recall ~3 what_happened|happened|where_he_is|where_she_is',
    'keeps|keep ~2 asking ~3 same|what_happened',
  ],
  bone_out: ['bone ~4 sticking_out|poking_out|through_the_skin|visible|showing|bahar'],
  cannot_bear_weight: [
    'cannot ~3 put ~3 weight|pressure',
    'cannot ~3 weight_bear*|bear_weight|walk_on_it|stand_on_it',
    'wajan|vajan|weight ~3 nahi|na',
    'chal|chalna ~2 nahi|na ~2 pa|paa|sak*',
    'swollen_like ~2 tennis|golf|egg|balloon',
    'deformed|bent|out_of_shape|wrong_angle',
    'cannot ~3 grip|hold|bend|straighten ~2 anything|it|things|a_cup|a_pen|properly',
  ],
  chest_infection: [
    'chest_infection|pneumonia|lrti|bronchitis|nimonia|nimoniya',
    'cough*|coughing|khansi ~5 green|yellow|brown|rusty|phlegm|sputum|mucus|balgam',
  ],
  /** A swollen or misshapen limb: after a fall or a blow, a possible broken bone (NHS). */
  limb_swollen: [
    'wrist|ankle|arm|leg|hand|foot|knee|elbow|finger|fingers|toe|toes|shoulder|collarbone|kalai|takhna|haath|pair ~3 swollen|swelling|puffy|puffed|misshapen|deformed|sooj*|soojan',
    'swollen|swelling|puffy|sooj*|soojan ~3 wrist|ankle|arm|leg|hand|foot|knee|elbow|finger|fingers|toe|shoulder|kalai',
  ],
  fracture: [
    'broke|broken|fracture*|break ~3 arm|wrist|leg|ankle|hip|collarbone|bone|rib|ribs|finger|toe|foot|hand|elbow|shoulder|haddi',
    // Heels, lips and skin crack too: a crack is a fracture only in a bone.
    'cracked ~2 rib|ribs|bone|wrist|ankle|hip|collarbone|elbow|skull|kneecap',
    'haddi ~2 toot*',
  ],
  deep_wound: [
    'deep ~2 cut|wound|gash|laceration',
    'cut|wound|gash ~3 deep|gaping',
    'stitches|stitch|taanke|tanke|rusty',
  ],

  // ── Infection, sepsis, fever ──
  fever: [
    'fever|fevers|feverish|febrile|temp|temperature|tempreture|high_temp|bukhar|taap|burning_up|feels_hot|feel_hot|felt_hot|feeling_hot|very_hot|really_hot|so_hot|hot_to_touch|hot_to_the_touch|warm_to_touch|warm_to_the_touch|pyrexi*|hot_body|body_hot|body_garam',
    'badan|body|sharir|shareer ~3 garam|hot|tap*',
  ],
  rigors: [
    'rigor*|shiver*|shivery|shivering|chills|kampkapi|kapkapi|kanpkanpi|kaanp*|thand_lag*|shaking_with_cold',
  ],
  infection: [
    'infect*|uti|pneumonia|cellulitis|abscess|pus|paas|oozing|ooz*|sepsis|septic|flu|chemo*|antibiotic*|surgery|operation|catheter|badbu|smelly_discharge|foul|discharge|wound|ghaav|ghav|zakhm',
  ],
  sepsis_sign: [
    'mottled|mottling|blotchy|blotched|marbled|marbling|purple_patches|bluey|bluish',
    'skin ~4 blotchy|mottled|blue|bluey|grey|purple|marbled|patches|dhabbe|pale_and_cold',
    'knees|legs ~3 mottled|purple|blotchy|blue',
    'shiver*|shaking ~2 uncontroll*|violently|cannot_stop|so_much',
    'uncontrollable_shivering|teeth_chattering',
    'feel* ~3 like ~3 going_to_die|dying|gonna_die|about_to_die|something_terrible|i_am_dying',
    'no_urine|no_pee|no_wee|no_wees|no_peshab',
    'not|has_not|have_not|did_not ~3 peed|weed|wee|pee|urinated|passed_urine|passing_urine|passed_water',
    'has_not_had_a_wee|not_had_a_wee|had_a_wee_since',
    'peshab|pesab ~3 nahi|na|band|kam',
    'urine ~3 not_passed|nahi|band',
    'bp ~3 low|gir*|kam|down|bahut_low',
    'hypotension|hypotensive|oliguria|anuria|decreased_urine_output|reduced_urine_output|urine_output_low|no_urine_output',
    'low_bp|low_blood_pressure',
    'breathing|saans|swas ~3 very_fast|really_fast|fast|tez|rapid|quick',
    'sepsis|septic',
  ],
  heat_exposure: [
    'heatstroke|sunstroke|heat_exhaustion|dhoop|garmi|afternoon_heat|in_the_heat|in_the_sun|hot_sun|heatwave',
    'loo|lu ~2 lag*|lagi|lagna',
  ],
  heatstroke_word: ['heatstroke|heat_stroke|sunstroke', 'loo|lu ~2 lag*|lagi|lagna'],
  body_ache: [
    'body_ache|body_aches|body_pain|body_pains|bodyache|badan_dard|achy_all_over|aching_all_over|joint_pain|joint_pains|joints_pain|behind_the_eyes|behind_my_eyes|aankho_ke_peeche|aankhon_ke_peeche',
    'body|badan|shareer|sharir ~3 pain|pains|ache|aches|dard|toot*',
  ],
  no_sweat: ['pasina ~3 nahi|na|band', 'not_sweating|stopped_sweating|no_sweat|dry_skin'],
  chemo: ['chemo|chemotherapy|on_chemo|cancer_treatment'],
  dengue: ['dengue|platelet*|platelets|plt|malaria|typhoid|chikungunya'],
  jaundice: [
    'jaundice|piliya|peeliya',
    'yellow ~3 eyes|skin|aankh*',
    'eyes|aankh*|skin ~3 yellow|peeli|peela',
  ],

  drowning: [
    'drown*|near_drowning|doob*|dooba|doobne',
    'fell|fallen|slipped|found ~4 pool|swimming_pool|river|pond|lake|sea|canal|tank|well|bathtub|bucket',
    'pulled_out ~3 water|pool|river|pond|tank',
  ],
  penetrating: [
    'stabbed|stab_wound|knife_wound|gunshot|gun_shot|shot_in|chaku|chaaku|goli_lagi|goli_maari ~6 chest|stomach|belly|abdomen|tummy|neck|back|side|pet|seene|head',
    'stabbed|gunshot|gun_shot|goli_lagi|goli_maari|chaku_mara|chaku_maara',
  ],

  // ── Children ──
  child_word: [
    'baby|babies|infant|newborn|new_born|toddler|child|kid|kids|son|daughter|boy|girl|bachcha|baccha|bachchi|bacchi|bache|bachhe|bacche|beta|beti|bitiya|munna|munni|shishu|navjaat|grandson|granddaughter|little_one|little_boy|little_girl',
  ],
  baby_word: ['baby|babies|infant|newborn|new_born|navjaat|shishu'],
  floppy: [
    'floppy|limp|lifeless|rag_doll|dheela|dheeli|no_energy|very_dull|sust|susti|lethargic|letharg*|listless|not_moving_much|very_weak',
  ],
  poor_feeding: [
    'not ~2 feeding|drinking|sucking|taking ~2 feed*|bottle|breast*|milk',
    'wont ~2 feed|take ~2 bottle|feed*|breast*|milk|drink',
    'refus* ~2 feed*|milk|bottle|breast*|drink*',
    'doodh|dudh ~3 nahi|na|kam',
    'pee ~2 nahi|na ~2 raha|rahi',
    'feeding ~2 poorly|less|badly',
    'poor_feeding|stopped_feeding|too_breathless_to_feed|pulling_off_the_breast|not_feeding',
    'cannot ~2 drink|feed|breastfeed',
    'not ~2 taking ~2 even ~2 breastfeed|breast',
  ],
  cry_abnormal: [
    'high_pitched ~3 cry*|scream*|wail*|way',
    'weak_cry|crying_weakly|moaning|whimper*|inconsolable|wont_settle|cannot_settle|cannot_be_settled|not_settling|will_not_settle|weird_cry|strange_cry',
  ],
  no_social: [
    'not ~3 smiling|looking_at_us|looking_at_me|interested|reacting|responding_to_us',
    'just_stares|staring_blankly|blank_stare',
    'does_not_respond_to ~2 us|me|voice',
  ],
  dehydration_severe: [
    'no ~2 wet ~2 nappy|nappies|diaper*|nappie',
    'nappy|nappies|diaper* ~3 dry',
    'dry ~2 nappy|nappies|diaper*',
    'soft_spot|soft_bit|fontanelle|fontanel ~5 sunk*|sunken|dipped|dip*|dhans*|andar|sunk_in',
    'sunken ~3 soft_spot|fontanelle|fontanel|soft_bit',
    'no ~2 tears',
    'crying ~3 no_tears|without_tears',
    'skin ~4 pinch|stays_up|tent*|goes_back_slowly',
  ],
  dehydration: [
    'sunken ~3 eyes',
    'eyes|aankh* ~3 sunken|dhans*|dhasi|andar',
    'fewer|less ~3 wet ~2 nappies|nappy|diapers',
    'only|just|sirf #n|one|two|ek|do ~2 wet ~2 nappy|nappies|diaper*',
    'aansu|aasu|tears ~3 kam|less|fewer|nahi_aa|not_coming',
    'peeing|weeing ~2 very_little|less|hardly',
    'urine|wee|pee|peshab ~3 less|kam|dark|very_little',
    'dark ~2 urine|wee|pee',
    'very_thirsty|bahut_pyaas|pyaas_bahut|lalach_se_pee|lalach_se_pi',
    'dry_mouth|mouth_dry|lips_dry|dry_lips|dry_tongue',
    'cannot|unable ~2 keep ~3 down|anything|fluids',
    'no_urine|not_passed_urine|not_passing_urine|no_urine_output',
    'dehydrat*',
  ],
  orthostatic: ['dizzy|lightheaded|light_headed|faint ~4 stand*|get_up|getting_up|uthte'],
  diarrhoea: [
    'diarrhoea|diarrhea|loose_stools|loose_stool|dast|watery_stools|runs|tummy_bug|stomach_bug|gastro|gastroenteritis',
  ],
  vomit_everything: [
    'vomit*|ulti|sick|throwing_up ~3 everything|all_fluids|sab_kuch|all_feeds|every_feed|whatever|after_every',
    'cannot ~2 keep ~3 anything|fluids|water|milk ~2 down',
    'persistent_vomiting',
  ],
  bilious: ['green|bile|bilious ~3 vomit*|sick|ulti', 'vomit*|sick|ulti ~3 green|bile|bilious'],
  bulging_fontanelle: [
    'soft_spot|soft_bit|fontanelle|fontanel ~3 bulg*|swollen|raised|tense|puffed',
    'bulg*|swelling|lump|raised|tense|puffy ~4 soft_spot|soft_bit|fontanelle|fontanel|top_of_her_head|top_of_his_head',
  ],

  cannot_drink: [
    'cannot ~2 drink|feed|breastfeed|suck|swallow_anything',
    'not ~2 taking ~2 even',
    'refus* ~2 all|everything|any ~2 feed*|fluids|drinks|milk|food',
    'kuch ~2 nahi ~2 pee|pi|kha',
    'not ~3 drinking ~2 anything|at_all',
    // IMCI "unable to feed": a baby who has stopped feeding altogether.
    'stopped|stopping ~2 feeding|feeds|breastfeeding|taking_milk|drinking',
  ],

  // ── Colour: lips, face, fingers ──
  blue: [
    'lips|lip|face|fingers|fingertips|tongue|nails|mouth|hoth|chehra|edges ~4 blue|bluish|bluey|grey|gray|purple|dusky|neela|neele|kaale',
    'blue|bluish|bluey|neela|neele ~3 lips|lip|face|hoth|fingers|mouth|tongue',
    'turning|turned|going|gone|went|pad*|ho ~2 blue|bluish|bluey|neela|neele|purple',
    'neela|neele|nila ~2 pad*|ho*|padna',
    'cyanos*',
  ],

  // ── Severity cues for the safety net (safety-net.ts) ──
  cue_sudden: [
    'sudden*|suddenly|achanak|out_of_nowhere|out_of_the_blue|abrupt*|all_of_a_sudden|out_of_the_blue',
  ],
  cue_worst: [
    'horrendous|horrific|horrible_pain|worst|excruciating|unbearable|agony|agonising|agonizing|10/10|bardasht_nahi|sabse_bura|sabse_tez|bhayankar',
  ],
  cue_cannot: [
    // Functions, not habits: "can't sleep", "can't stop sneezing" and "can't lift heavy things" are not cues.
    'cannot ~2 breathe|breath|move|walk|stand|speak|talk|see|swallow|wake|feel|pee|urinate|bol*|utha*|hila*|chal*',
    'wont ~2 wake|move|breathe',
    'chal|bol|uth|utha|hil|hila|dekh|nigal|khada|khade ~2 nahi|na ~2 pa|paa|sak*',
  ],

  // ── Choking ──
  choking: [
    'gale|gala|gal|throat ~3 atak*|phas*|fas*|phans*|fans*',
    'sikka|coin|battery|magnet|button ~4 atak*|phas*|fas*|phans*|nigal*',
    'chok*|gagging|back_blows|heimlich|abdominal_thrusts|still_stuck',
    'stuck ~3 throat|windpipe|gala|gale',
    'swallowed|gulped|swallow ~2 something|coin|grape|toy|button|bead|marble|peanut|sweet|candy|bone|battery|magnet',
    'not ~2 making ~2 sound|noise|any_sound|any_noise',
    'cannot ~3 cough|cry ~2 or ~2 cough|cry',
  ],

  // ── Same-day problems (urgent) ──
  throat_severe: [
    'cannot ~3 open ~3 mouth',
    'hard|difficult|barely|hardly ~3 open ~3 mouth',
    'muffled|hot_potato ~2 voice',
    'voice ~3 muffled',
    'muh|munh ~3 nahi|na ~2 khul*',
    'khul ~2 nahi|na',
    'nigal*|nigalne|swallow* ~3 dikkat|difficult*|hard|painful|takleef',
    'cannot ~2 swallow',
    'difficulty|trouble ~2 swallowing',
    'one_side ~4 swollen|bigger',
  ],
  dental_swelling: [
    'tooth*|teeth|dental|gum|gums|daant|daat ~8 swollen|swelling|abscess|pus|sooj*',
    'swollen|swelling|sooj* ~5 tooth|teeth|dental|gum|gums|daant',
    'cheek|jaw ~3 swollen|swelling|sooj*',
    'gaal|gal ~3 phool*|sooj*|soojan|swollen',
  ],
  shingles_eye: [
    'shingles',
    'rash|blister*|blistery ~8 forehead|eye|eyes|eyelid|nose_tip|scalp',
    'one_side ~3 face|forehead ~6 blister*|rash',
  ],
  cellulitis: [
    'cellulitis|erysipelas',
    'laal|red|soojan ~4 fail*|phail*|spread*|badh*',
    'spreading|spread* ~4 red|redness|patch',
    'red|redness|patch ~5 spreading|spread*|hot|warm',
    'drew_round|drew_around|drawn_round|pen_line|past_the_line',
    'wound|cut|ulcer|ghav|ghaav|zakhm ~8 laal|red ~3 garam|hot|warm',
    'laal|red|redness ~2 aur|and ~1 garam|hot|warm',
  ],
  mastitis: [
    'red|hot|hard|painful|swollen|lump ~5 breast|boob|boobs|nipple',
    'breast|boob|boobs|nipple|stan ~5 hot|red|hard|lump|painful|swollen|sooj*',
    'mastitis',
  ],
  eye_injury: [
    'eye|eyes|aankh* ~4 hit|injur*|poked|scratched|chot|lagi|splash*',
    'hit|poked|scratched|something ~4 in_my_eye|in_his_eye|in_her_eye|eye|aankh*',
  ],
  eye_red_painful: [
    'eye|eyes|aankh* ~4 laal|red|pain*|dard|hurt*',
    'laal|red|sore|painful ~2 eye|eyes|aankh*',
  ],
  ear_pain: [
    'ear|ears|kaan ~3 pain|ache|dard|hurt*',
    'earache',
    // A small child shows earache by pulling or rubbing the ear.
    'pull*|tug*|rub*|grab*|holding ~3 ear|ears|kaan',
  ],
  rlq_pain: [
    'lower_right|right_lower|bottom_right|right_iliac|right_side|right_hand_side ~5 pain*|dard|tummy|pet|abdomen|belly',
    'pet|tummy|abdomen|belly ~4 right|daayi|daaye|dayi|daye',
    'moved ~3 to ~3 right|lower_right',
    'appendix|appendicitis',
  ],
  severe_abdo: [
    'severe|excruciating|unbearable|terrible|really_bad|worst|bahut_tez ~3 abdominal|stomach|belly|tummy|pet|lower_abdominal ~2 pain|dard',
    'abdominal|stomach|belly|tummy|pet ~2 pain|dard ~3 severe|unbearable|worst|excruciating',
    'rigid ~2 abdomen|belly|tummy',
    'severe_pain_in ~3 tummy|abdomen|stomach|belly|lower_tummy',
  ],
  pain: ['pain*|ache|aches|aching|hurt*|sore|agony|dard|cramp*|takleef|chubh*|twinge|twinges|jolt'],
  numb_any: ['numb*|sunn|sunnpan|no_feeling'],
  tingling_any: ['tingl*|pins_and_needles|jhunjhuni'],
  /** A diagnosis typed by name: "ectopic", "torsion", "cauda equina", "meningitis". */
  named_emergency: [
    'ectopic|ectopic_pregnancy|testicular_torsion|torsion|cauda_equina|aortic_dissection|dissection|meningitis|meningococcal|septicaemia|septicemia|subarachnoid|brain_haemorrhage|brain_hemorrhage|brain_bleed|pulmonary_embolism|status_epilepticus|dka|diabetic_ketoacidosis|eclampsia|pre_eclampsia|preeclampsia|placental_abruption|miscarriage_bleeding',
  ],
  dementia: ['dementia|alzheimer*|memory_problems|forgetful|bhoolne'],
  cough: ['cough*|khansi|khaansi|balgam|phlegm|sputum'],
};

export type Concept = keyof typeof LEXICON;

/**
 * Hinglish spellings. Patients write the same Hindi word many ways (saans/sans/saas, seene/sine,
 * dard/dardh, ulti/ulty, khoon/kun, behosh/behos, tedha/tehda). Each group lists the canonical
 * spelling first, then variants whose phonetic key (normalise.ts: hinglishKey) differs from it;
 * variants that share the key need not be listed. Words that are also English (sine, hath, pair)
 * are only mapped when the text reads as Hinglish.
 */
// prettier-ignore
export const HINGLISH: readonly (readonly string[])[] = [
  ['saans', 'swas', 'swaas', 'shwas', 'sans', 'saas', 'sas', 'sanse', 'saanse'], ['seene', 'sina', 'sine', 'seena', 'sene'], ['chhati', 'chaati', 'chati', 'chhaati'],
  ['dard', 'dardh', 'drd'], ['ulti', 'ulty', 'ultee', 'ultiyan', 'ultiya'], ['khoon', 'kun', 'khun', 'khuun'],
  ['behosh', 'behos', 'behosi', 'beosh', 'bahosh'], ['behoshi'], ['tedha', 'tehda', 'terha', 'tedhaa'],
  ['tedhi', 'tehdi', 'terhi'], ['sunn', 'sun', 'sunpan'], ['bukhar', 'bukhaar', 'bukar', 'bhukar', 'bukhr'],
  ['pasina', 'paseena', 'pseena', 'pasine'], ['haath', 'hath', 'hat'], ['pair', 'pairo', 'pairon'],
  ['taang', 'tang', 'tange'], ['muh', 'munh', 'mooh', 'mu'], ['chehra', 'chehera', 'chahra', 'chera'],
  ['jeebh', 'jibh', 'jeeb', 'jib', 'zeebh'], ['hoth', 'honth', 'hont', 'hoth', 'hothon'],
  ['gala', 'galla'], ['gardan', 'gardn', 'gardhan'], ['kamar'], ['peeth', 'pith'], ['pet', 'pait', 'peit'],
  ['sir', 'sar', 'sirr'], ['aankh', 'ankh', 'akh', 'aakh'], ['aankhe', 'ankhe', 'aankhen', 'ankhen', 'aakhe'],
  ['zeher', 'zahar', 'jahar', 'jaher', 'zehar'], ['saanp', 'saap', 'sanp', 'saamp', 'sap'],
  ['kaata', 'kata', 'katta', 'kaatta'], ['kaat', 'kat'], ['daura', 'dora', 'dauraa'],
  ['jhatke', 'jhatkey', 'jatke', 'jhatake'], ['mirgi', 'mirgee'], ['kamzor', 'kamjor', 'kamzoor'],
  ['kamzori', 'kamjori', 'kamzoori'], ['chakkar', 'chakar', 'chakkr'], ['ghabrahat', 'ghabrahut', 'gabrahat'],
  ['neele', 'nile', 'neeley'], ['neela', 'nila'], ['soojan', 'sujan', 'soozan', 'sooja', 'sooji', 'suja', 'suji', 'sojan', 'sozan'],
  ['bachcha', 'baccha', 'bacha', 'bachha', 'bachcha'], ['bachche', 'bacche', 'bache', 'bachhe', 'bachey'],
  ['bachchi', 'bacchi', 'bachi', 'bachhi'], ['mahine', 'mahina', 'mahino', 'mahinon', 'maheene', 'mhine'],
  ['hafte', 'hafta', 'hapte', 'haftay'], ['pehle', 'pahle', 'phle', 'pehele', 'pahele'],
  ['achanak', 'achaanak', 'acanak', 'achank'], ['tez', 'tej', 'tezz'], ['bahut', 'bohot', 'bahot', 'bhut', 'bht'],
  ['latrine', 'letrin', 'latrin', 'laitrine'], ['tatti', 'tati', 'potty'], ['kaala', 'kala'], ['kaali', 'kali'],
  ['laal', 'lal'], ['chamdi', 'chamri', 'chamadi'], ['khaal', 'khal'], ['peshab', 'pesab', 'pisab', 'peshaab'],
  ['doodh', 'dudh', 'dhoodh'], ['ladkhada', 'ladkhda', 'larkhara', 'ladkhadaa', 'ladakhda'],
  ['hila', 'hilaa'], ['utha', 'uthaa', 'uta'], ['dhundla', 'dhundhla', 'dundla', 'dhundhala', 'dhundala'],
  ['pyaas', 'pyas', 'pyaass'], ['sust', 'susth'], ['hosh', 'hos'], ['jalan', 'jalna', 'jalun'],
  ['kampkapi', 'kapkapi', 'kanpkanpi', 'kampkampi', 'kapkapee', 'kampkampee'], ['thanda', 'thnda'],
  ['thande', 'thandey'], ['garam', 'garm', 'garum'], ['dawai', 'dawaai', 'davai', 'dwai'], ['dawa', 'dava', 'dwa'],
  ['goliyan', 'goliya', 'goliyaan', 'goliyon'], ['keede', 'kide', 'keedo', 'kido', 'kire'],
  ['chuhe', 'chuhon', 'chuho', 'choohe'], ['maarne', 'marne', 'maarane'], ['jhaag', 'jhag', 'jhaaag'],
  ['laar', 'lar', 'laaar'], ['pasli', 'pasliyan', 'pasliya'], ['ghargharahat', 'gharghrahat', 'ghargharaahat'],
  ['pitti', 'piti'], ['khatam', 'khtam', 'khatm'], ['jeena', 'jina'], ['jeene', 'jine', 'jeeney'],
  ['nahi', 'nahin', 'nhi', 'nai', 'nahee', 'nahii'], ['madhumakkhi', 'madhumakhi', 'madhumakkhee'],
  ['kandhe', 'kandhey', 'kande'], ['kandha', 'kanda'], ['baayan', 'bayan', 'baaya', 'baya'],
  ['baaye', 'baye', 'baayein', 'baayen'], ['baayi', 'bayi'], ['daayan', 'dayan', 'daaya', 'daya'],
  ['daaye', 'daye', 'daayein', 'daayen'], ['daayi', 'dayi'], ['akad', 'akadi', 'akdi', 'akarh'],
  ['jakad', 'jakadan', 'jakdan'], ['chubhan', 'chuban'], ['takleef', 'taklif', 'taklef', 'takleeph'],
  ['dikkat', 'dikat', 'diqqat'], ['pareshani', 'preshani', 'pareshaani'], ['phool', 'fool', 'phul', 'ful'],
  ['khansi', 'khaansi', 'khasi', 'khaasi'], ['badbu', 'badboo'], ['pindli', 'pindali', 'pindlee'],
  ['machhli', 'machli', 'macchli', 'machhali'], ['delivery', 'dilivery', 'delivary', 'dileevari', 'dilivari'],
  ['upar', 'uppar', 'oopar'], ['jawab', 'javab', 'jwab'], ['neend', 'nind'], ['khujli', 'khujlee', 'khujali'],
  ['dono', 'donon', 'dono'], ['hathoda', 'hathauda', 'hathauda'], ['bhayankar', 'bhyankar', 'bhayanker'],
  ['garbhvati', 'garbhavati', 'garbhwati', 'garbvati'], ['jabda', 'jabada'], ['dhadkan', 'dhadkane'],
  ['dhadak', 'dhadhak', 'dhadak'], ['nigalne', 'niglne', 'nigalna'], ['khul', 'khull'],
  ['dhasi', 'dhansi', 'dhasee'], ['lalach', 'lalaach'], ['jhunjhuni', 'jhunjhunee'], ['wajan', 'vajan', 'vazan', 'wazan'],
  ['gehri', 'gahri', 'gehree'], ['kheton', 'kheto', 'khet'], ['chhat', 'chat', 'chhath'],
  ['pehchan', 'pehchaan', 'pahchan', 'pehcahn'], ['ulta', 'ulte', 'ultaa'], ['seedha', 'sidha', 'seedhe', 'sidhe'],
  ['lakwa', 'lakva', 'lakuva', 'laqwa'], ['piliya', 'peeliya', 'pilia'], ['kaan', 'kan'], ['daant', 'dant', 'daat'],
  ['bichhu', 'bicchu', 'bichu', 'bichoo'], ['kutte', 'kutta', 'kuttey', 'kuta', 'kute'], ['bandar', 'bnder'],
  ['teeke', 'tike', 'teekey'], ['paani', 'pani'], ['baat', 'baate', 'baaten', 'baatein', 'bate'],
  ['bol', 'boll'], ['bolne', 'bolane'], ['jeebh'], ['zuban', 'jubaan', 'zubaan', 'juban', 'jaban', 'zabaan', 'jabaan'],
  ['sooj', 'suj'], ['chalna', 'chalne'], ['bhaari', 'bhari', 'bhaaree'], ['bhaaripan', 'bharipan', 'bhaaripun'],
  ['dabav', 'dabaav', 'dabaw', 'dabao'], ['beta', 'bete', 'betaa'], ['beti', 'betee', 'bitiya'],
  ['kaatne', 'katne'], ['utar', 'uttar'], ['gir', 'girr'], ['gayi', 'gai', 'gyi', 'gaee', 'gayee'],
  ['gaya', 'gya', 'gayaa'], ['raha', 'rha', 'rahaa'], ['rahi', 'rhi', 'rahee'], ['aaya', 'aya'], ['aayi', 'ayi', 'aai'],
  ['loo', 'lu'], ['chahti'], ['chahta'], ['chahte'], ['chahiye'], ['kal'], ['sab'], ['jag'], ['jaag'], ['pata'], ['pati'], ['patni'], ['khali'], ['kabhi', 'kabhee', 'kbhi'], ['hua', 'huaa', 'huwa'], ['hui', 'huee', 'huyi'], ['aisa', 'aisaa', 'esa'],
  ['jaisa', 'jaisaa', 'jesa'], ['jaisi', 'jaisee', 'jesi'], ['papa', 'paapaa', 'papaa'], ['mummy', 'mammee', 'mummee', 'mumy'], ['chot', 'chhot', 'chott'], ['thoda', 'thora', 'thodaa'], ['halka', 'halaka'],
]
/** Function words that mark a text as Hinglish (then English-looking variants like "sine" are mapped too). */
// prettier-ignore
export const HINGLISH_MARKERS: readonly string[] = [
  'hai', 'hain', 'ho', 'raha', 'rahi', 'rahe', 'rha', 'rhi', 'nahi', 'nahin', 'nhi', 'mein', 'mujhe', 'mera',
  'meri', 'mere', 'uska', 'uski', 'usko', 'bahut', 'bohot', 'bahot', 'aur', 'kya', 'ka', 'ki', 'ke', 'ko',
  'se', 'hua', 'hui', 'gaya', 'gayi', 'gya', 'tha', 'thi', 'abhi', 'aaj', 'bhi', 'saath', 'wala', 'wali',
  'lag', 'kar', 'pe', 'par', 'koi', 'kuch', 'din',
]

/**
 * Devanagari words whose letter-by-letter romanisation would not reach the canonical spelling
 * (function words, English loanwords written in Devanagari). Everything else is transliterated.
 */
// prettier-ignore
export const DEVANAGARI_WORDS: Readonly<Record<string, string>> = {
  नहीं: 'nahi', नही: 'nahi', में: 'mein', मैं: 'main', मैंने: 'maine', है: 'hai', हैं: 'hain', हूं: 'hu',
  हूँ: 'hu', और: 'aur', भी: 'bhi', का: 'ka', की: 'ki', के: 'ke', को: 'ko', से: 'se', ने: 'ne', पर: 'par',
  शुगर: 'sugar',
  ढाई: 'dhai',
  डेढ़: 'dedh',
  अस्थमा: 'asthma',
  पंप: 'pump',
  केरोसिन: 'kerosene',
  पेट्रोल: 'petrol',
  फिनाइल: 'phenyl',
  एसिड: 'acid',
  तेज़ाब: 'tezaab',
  तेजाब: 'tezaab',
  ब्लीच: 'bleach',
  पैरासिटामोल: 'paracetamol',
  इंसुलिन: 'insulin',
  एक्सीडेंट: 'accident',
  बाइक: 'bike',
  पैरालिसिस: 'paralysis',
  मलेरिया: 'malaria',
  टाइफाइड: 'typhoid',
  टैबलेट: 'tablet',
  ओवरडोज: 'overdose',
  ब्लड: 'blood',
  कोबरा: 'cobra',
  बैंगनी: 'baingani',
  चकत्ते: 'chakatte',
  दबाने: 'dabane',
  सिक्का: 'sikka',
  फंस: 'phans',
  कूद: 'kood',
  जबड़े: 'jabde',
  जबड़ा: 'jabda',
  बेचैनी: 'bechaini', बीपी: 'bp', कॉफी: 'coffee', कॉफ़ी: 'coffee', डिलीवरी: 'delivery', ऑपरेशन: 'operation',
  इंजेक्शन: 'injection', टेस्ट: 'test', पॉजिटिव: 'positive', रिपोर्ट: 'report', डॉक्टर: 'doctor',
  हार्ट: 'heart', अटैक: 'attack', स्ट्रोक: 'stroke', पीरियड: 'period', पीरियड्स: 'periods',
  ब्लीडिंग: 'bleeding', प्रेगनेंट: 'pregnant', प्रेग्नेंट: 'pregnant', गर्भवती: 'pregnant',
  मिनट: 'minute', थर्मामीटर: 'thermometer', इनहेलर: 'inhaler', एलर्जी: 'allergy', प्लेटलेट: 'platelet',
  डेंगू: 'dengue', रेबीज: 'rabies', टीएसएच: 'tsh', थायरॉइड: 'thyroid', विटामिन: 'vitamin',
  बच्ची: 'bachchi', बच्चा: 'bachcha', बच्चे: 'bachche', बेटे: 'beta', बेटी: 'beti', बेटा: 'beta',
  सांप: 'saanp', साँप: 'saanp', सुन्न: 'sunn', मुंह: 'muh', मुँह: 'muh', टेढ़ा: 'tedha', टेढ़ी: 'tedhi',
  उल्टी: 'ulti', उल्टा: 'ulta', सीधा: 'seedha', खून: 'khoon', बेहोश: 'behosh', बेहोशी: 'behoshi',
  बुखार: 'bukhar', सांस: 'saans', साँस: 'saans', सीने: 'seene', सीना: 'seena', छाती: 'chhati',
  दर्द: 'dard', होंठ: 'hoth', होठ: 'hoth', नीले: 'neele', नीला: 'neela', गर्दन: 'gardan', अकड़: 'akad',
  अकड़ी: 'akad', जबान: 'zuban', ज़बान: 'zuban', जुबान: 'zuban', लड़खड़ा: 'ladkhada', लड़खड़ाना: 'ladkhada',
  सुस्त: 'sust', दस्त: 'dast', गोलियां: 'goliyan', गोलियाँ: 'goliyan', गोली: 'goli', खा: 'kha',
  लीं: 'li', ली: 'li', लिया: 'liya', काट: 'kaat', काटा: 'kaata', काटने: 'kaatne', बायां: 'baayan',
  बाएं: 'baaye', बाएँ: 'baaye', बायें: 'baaye', दाएं: 'daaye', दायां: 'daayan', हाथ: 'haath', पैर: 'pair',
  पैरों: 'pair', चेहरा: 'chehra', चेहरे: 'chehre', पसीना: 'pasina', लू: 'loo', लगवाना: 'lagwana',
  दौरा: 'daura', मिर्गी: 'mirgi', होश: 'hosh', उठ: 'uth', धुंधला: 'dhundla', सूजन: 'soojan',
  कंपकंपी: 'kampkapi', पित्ती: 'pitti', गला: 'gala', बंद: 'band', चक्कर: 'chakkar', मधुमक्खी: 'madhumakkhi',
  लकवा: 'lakwa', पिछले: 'pichle', साल: 'saal', महीने: 'mahine', महीना: 'mahina', दिन: 'din',
  घंटे: 'ghante', हफ्ते: 'hafte', अचानक: 'achanak', भयंकर: 'bhayankar', तेज: 'tez', तेज़: 'tez',
  बहुत: 'bahut', दवा: 'dawa', दवाई: 'dawai', चूहे: 'chuhe', मारने: 'maarne', खरीद: 'khareed',
  जीना: 'jeena', चाहती: 'chahti', चाहता: 'chahta', घाव: 'ghaav', पस: 'pus', दिल: 'dil', धड़क: 'dhadak',
  कमजोर: 'kamzor', कमज़ोर: 'kamzor', कमजोरी: 'kamzori', तकलीफ: 'takleef', तकलीफ़: 'takleef',
  फूल: 'phool', बैठ: 'baith', कर: 'kar', होंठों: 'hoth', कुत्ते: 'kutte', टीके: 'teeke', पेशाब: 'peshab',
  जलन: 'jalan', बार: 'bar', मुंहासे: 'muhase', सफेद: 'safed', पानी: 'paani', खुजली: 'khujli',
  कब्ज: 'kabz', गर्भ: 'garbh', निगलने: 'nigalne', दिक्कत: 'dikkat', खुल: 'khul', पूरा: 'poora',
  जगाने: 'jagane', ठीक: 'theek', थोड़ी: 'thodi', थोड़ा: 'thoda', चिड़चिड़ी: 'chidchidi', आवाज: 'awaaz',
  आवाज़: 'awaaz', सिर: 'sir', सिरदर्द: 'sirdard', उठा: 'utha', पति: 'pati', पत्नी: 'patni',
  प्लेटलेट्स: 'platelets', लाख: 'lakh', आई: 'aayi', आया: 'aaya', रहा: 'raha', रही: 'rahi', रहे: 'rahe',
  हो: 'ho', गई: 'gayi', गए: 'gaye', गया: 'gaya', गयी: 'gayi', पड़ा: 'pada', पड़ी: 'padi',
  सेकंड: 'second', बड़बड़ा: 'badbada', हालत: 'haalat', जैसी: 'jaisi', जैसा: 'jaisa', काली: 'kaali',
  काला: 'kaala', शराब: 'sharab', पीते: 'peete', बहू: 'bahu', घर: 'ghar', उसके: 'uske', बाद: 'baad',
  ठंडा: 'thanda', ठंडे: 'thande', पूरे: 'poore', शरीर: 'shareer', लग: 'lag', सा: 'sa',
}

/** Frequent misspellings edit distance would miss or get wrong. */
// prettier-ignore
export const SPELLING_FIXES: Readonly<Record<string, string>> = {
  diarhea: 'diarrhoea', diarhoea: 'diarrhoea', diarrea: 'diarrhoea', diarrhea: 'diarrhoea', diahrea: 'diarrhoea',
  diarrohea: 'diarrhoea', vomitings: 'vomiting', vomitting: 'vomiting', vommiting: 'vomiting', vomting: 'vomiting',
  tempreture: 'temperature', temprature: 'temperature', temperture: 'temperature', fevar: 'fever', feaver: 'fever',
  brething: 'breathing', breathin: 'breathing', breatheing: 'breathing', unconcious: 'unconscious',
  unconsious: 'unconscious', seizer: 'seizure', seazure: 'seizure', siezure: 'seizure', sezure: 'seizure',
  pregnent: 'pregnant', pragnant: 'pregnant', preganant: 'pregnant', bleding: 'bleeding', bleedin: 'bleeding',
  swolen: 'swollen', sweling: 'swelling', headach: 'headache', hedache: 'headache', stomache: 'stomach',
  tummyache: 'tummy ache', bellyache: 'belly ache', chestpain: 'chest pain', tounge: 'tongue', tonge: 'tongue',
  speach: 'speech', paracetomol: 'paracetamol', paracitamol: 'paracetamol', parcetamol: 'paracetamol',
  breathe: 'breathe', breth: 'breath', brethless: 'breathless', breathles: 'breathless', dizy: 'dizzy',
  numbess: 'numbness', nausious: 'nauseous', nauseus: 'nauseous', throwup: 'throw up', passedout: 'passed out',
  blackedout: 'blacked out', giddyness: 'giddiness', suicidle: 'suicidal', sucide: 'suicide', suside: 'suicide',
  ribbs: 'ribs', themometer: 'thermometer', thermometre: 'thermometer', coffe: 'coffee', realy: 'really',
  wheezey: 'wheezy', wheezie: 'wheezy', dosnt: 'does not', dosent: 'does not', doesnt: 'does not',
  sertaline: 'sertraline', droping: 'dropping', abdomin: 'abdomen', abdominal: 'abdominal', testical: 'testicle',
  testicals: 'testicles', cheast: 'chest', chesst: 'chest', sholder: 'shoulder', shoulda: 'shoulder',
  anaphylactic: 'anaphylaxis', allergick: 'allergic', epipen: 'epipen', inhailer: 'inhaler', inhealer: 'inhaler',
  conscious: 'conscious', convultion: 'convulsion', convulsion: 'convulsion', fitts: 'fits', lightheadedness: 'lightheaded',
  haemorrhage: 'haemorrhage', hemorage: 'haemorrhage', bleeeding: 'bleeding', bloood: 'blood',
  motions: 'motions', loosemotion: 'diarrhoea', loosemotions: 'diarrhoea',
}

/** Everyday words the spelling corrector may aim at besides the lexicon's own. */
// prettier-ignore
export const EXTRA_VOCAB: readonly string[] = [
  'breathing', 'breathless', 'breathe', 'bleeding', 'vomiting', 'vomited', 'swelling', 'swollen', 'unconscious',
  'seizure', 'seizures', 'pregnant', 'pregnancy', 'dropping', 'drooping', 'temperature', 'thermometer',
  'really', 'tongue', 'speech', 'slurring', 'slurred', 'stomach', 'tummy', 'headache', 'paracetamol',
  'ibuprofen', 'sertraline', 'amitriptyline', 'diazepam', 'coffee', 'grounds', 'wheezy', 'wheezing',
  'breath', 'shoulder', 'testicle', 'testicles', 'scrotum', 'numbness', 'tingling', 'weakness', 'confused',
  'confusion', 'drowsy', 'sleepy', 'floppy', 'collapsed', 'fainted', 'dizzy', 'nauseous', 'diarrhoea',
  'sweating', 'sweaty', 'clammy', 'crushing', 'squeezing', 'pressure', 'tightness', 'spreading', 'radiating',
  'suddenly', 'sudden', 'worst', 'bleeding', 'clots', 'soaking', 'spurting', 'pumping', 'choking', 'gagging',
  'grunting', 'gasping', 'flaring', 'nostrils', 'ketones', 'insulin', 'glucose', 'diabetic', 'allergic',
  'allergy', 'hives', 'swallowed', 'overdose', 'tablets', 'suicidal', 'suicide', 'hopeless', 'curtain',
  'vision', 'mottled', 'blotchy', 'wound', 'infection', 'fever', 'feverish', 'shivering', 'unresponsive',
  'newborn', 'daughter', 'grandmother', 'grandfather', 'husband', 'abdomen', 'abdominal', 'painful',
  'bottom', 'incontinence', 'numb', 'paralysed', 'paralyzed', 'lopsided', 'crooked', 'muddled', 'jumbled',
  'burning', 'blisters', 'blistered', 'peeling', 'leathery', 'charred', 'electric', 'scalded', 'kettle',
  'snake', 'bitten', 'poison', 'pesticide', 'kerosene', 'bleach', 'stiff', 'rash', 'purple', 'glass',
  'fading', 'spots', 'aneurysm', 'tearing', 'ripping', 'shoulder', 'blades', 'between', 'sciatica',
  'anticoagulant', 'warfarin', 'apixaban', 'rivaroxaban', 'concussion', 'vomitting', 'stiffness', 'donation',
  'perspiring', 'gushing', 'stockpiling', 'bladder', 'sleepy', 'stitches', 'droopy', 'swelling', 'numbness',
]
