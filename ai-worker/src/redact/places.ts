/**
 * Towns and cities are identifiers below the level of a state (HIPAA Safe Harbor §164.514(b)(2)(i)(B)),
 * and patients name them in chat ("I'm in Pune", "travelling back to Leeds"). A gazetteer of the
 * larger cities of India, the UK and the US, plus context cues for the ones it lacks. States and
 * countries are not identifiers and stay. Multi-word names use a hyphen here ("new-delhi").
 */

const list = (s: string): string[] =>
  s
    .trim()
    .split(/\s+/)
    .map((w) => w.toLowerCase());

export const CITIES_IN = list(`
mumbai bombay delhi new-delhi bangalore bengaluru hyderabad secunderabad ahmedabad chennai madras kolkata calcutta
pune poona surat jaipur lucknow kanpur nagpur indore thane bhopal visakhapatnam vizag pimpri chinchwad patna
vadodara baroda ghaziabad ludhiana agra nashik faridabad meerut rajkot kalyan vasai varanasi banaras benares
srinagar aurangabad dhanbad amritsar navi-mumbai allahabad prayagraj ranchi howrah coimbatore jabalpur gwalior
vijayawada jodhpur madurai raipur kota guwahati chandigarh solapur hubli dharwad bareilly moradabad mysore mysuru
gurgaon gurugram aligarh jalandhar tiruchirappalli trichy bhubaneswar bhubaneshwar salem warangal
thiruvananthapuram trivandrum bhiwandi saharanpur guntur amravati bikaner noida greater-noida jamshedpur bhilai
cuttack firozabad kochi cochin ernakulam nellore bhavnagar dehradun durgapur asansol rourkela nanded kolhapur
ajmer akola gulbarga kalaburagi jamnagar ujjain siliguri jhansi ulhasnagar jammu sangli mangalore mangaluru erode
belgaum belagavi ambattur tirunelveli malegaon jalgaon udaipur davanagere kozhikode calicut kurnool bokaro
bellary ballari patiala agartala bhagalpur muzaffarnagar latur dhule tirupati rohtak korba bhilwara berhampur
brahmapur muzaffarpur ahmednagar mathura kollam avadi kadapa sambalpur bilaspur shahjahanpur satara bijapur
vijayapura rampur shimoga shivamogga chandrapur junagadh thrissur trichur alwar bardhaman burdwan kakinada
nizamabad parbhani tumkur tumakuru khammam panipat darbhanga aizawl dewas ichalkaranji karnal bathinda jalna
eluru barasat purnia satna sonipat farrukhabad imphal ratlam hapur anantapur karimnagar etawah ambarnath
bharatpur begusarai gandhidham pondicherry puducherry sikar thoothukudi tuticorin rewa mirzapur raichur
ramagundam haridwar vizianagaram katihar nagercoil thanjavur tanjore bulandshahr singrauli nadiad yamunanagar
panchkula burhanpur kharagpur dindigul gandhinagar hospet malda ongole deoghar chapra haldia khandwa nandyal
amroha bhiwani ambala morbi raebareli chittoor bhusawal bahraich vellore mehsana raiganj sirsa danapur
serampore sultanpur jaunpur panvel shivpuri surendranagar unnao alappuzha alleppey kottayam machilipatnam
shimla adoni udupi manipal tenali proddatur saharsa hindupur sasaram hajipur bhimavaram kumbakonam bongaigaon
madanapalle siwan bettiah guntakal srikakulam motihari gudivada phagwara pudukkottai hosur suryapet miryalaguda
karaikudi kishanganj ballia kavali amaravati buxar jehanabad gangtok shillong kohima itanagar dispur
port-blair silvassa daman kavaratti darjeeling ooty udhagamandalam munnar lonavala mahabaleshwar panaji
panjim margao madgaon mapusa rishikesh nainital mussoorie manali dharamshala kasauli shirdi konark hampi
pushkar varkala kovalam alibaug thane kalyan dombivli vasai-virar mira-bhayandar kharghar andheri bandra
borivali dadar kurla powai malad goregaon chembur mulund ghatkopar vashi koramangala indiranagar whitefield
jayanagar malleswaram hebbal electronic-city marathahalli yelahanka banashankari rajajinagar basavanagudi
gachibowli madhapur kondapur kukatpally banjara-hills jubilee-hills ameerpet dilsukhnagar lb-nagar begumpet
adyar anna-nagar t-nagar velachery tambaram mylapore porur guindy chromepet kodambakkam nungambakkam
kothrud baner hinjewadi wakad aundh viman-nagar hadapsar kharadi shivajinagar deccan salt-lake howrah behala
dwarka rohini janakpuri saket vasant-kunj lajpat-nagar karol-bagh connaught-place mayur-vihar laxmi-nagar
pitampura shahdara chanakyapuri hauz-khas greater-kailash defence-colony gomti-nagar hazratganj aliganj
indirapuram vaishali kaushambi kankarbagh boring-road harmu lalpur doranda patia saheed-nagar
`);

export const CITIES_UK = list(`
london birmingham manchester liverpool leeds sheffield bristol newcastle nottingham leicester coventry bradford
kingston-upon-hull stoke-on-trent plymouth wolverhampton derby southampton portsmouth brighton northampton luton
bolton bournemouth norwich swindon southend middlesbrough sunderland milton-keynes warrington huddersfield slough
oxford cambridge york poole ipswich telford peterborough stockport gloucester exeter blackpool watford colchester
chelmsford salford cardiff swansea newport wrexham edinburgh glasgow aberdeen dundee inverness stirling belfast
derry londonderry lisburn newry canterbury winchester lincoln chester durham lancaster carlisle wakefield
worcester hereford truro salisbury lichfield ripon st-albans basingstoke maidstone crawley guildford woking
harrogate scarborough doncaster rotherham barnsley wigan oldham rochdale blackburn burnley preston darlington
hartlepool gateshead grimsby scunthorpe bedford stevenage cheltenham chesterfield mansfield worthing eastbourne
hastings margate folkestone tunbridge-wells torquay taunton yeovil weymouth llandudno aberystwyth paisley
motherwell kilmarnock dumfries falkirk livingston ayr solihull walsall dudley west-bromwich sutton-coldfield
croydon ealing harrow hounslow hillingdon wembley brent camden hackney islington lambeth lewisham southwark
wandsworth tottenham walthamstow stratford romford ilford barking dagenham enfield edmonton bromley bexley
greenwich woolwich kensington chelsea hammersmith fulham westminster anfield everton salford stockport bath wells reading hull
ely derby
`);

export const CITIES_US = list(`
new-york nyc brooklyn queens bronx manhattan staten-island los-angeles chicago houston philadelphia
san-antonio san-diego dallas san-jose jacksonville fort-worth columbus charlotte san-francisco indianapolis
seattle denver washington boston el-paso nashville detroit oklahoma-city portland las-vegas memphis louisville
baltimore milwaukee albuquerque tucson fresno sacramento atlanta kansas-city colorado-springs omaha raleigh
miami long-beach virginia-beach oakland minneapolis tulsa tampa arlington new-orleans wichita cleveland
bakersfield anaheim honolulu santa-ana riverside corpus-christi lexington stockton saint-paul st-paul st-louis
saint-louis cincinnati pittsburgh greensboro anchorage plano orlando irvine newark toledo chula-vista
fort-wayne jersey-city st-petersburg laredo chandler lubbock scottsdale reno winston-salem north-las-vegas
norfolk chesapeake irving hialeah fremont boise richmond baton-rouge spokane des-moines tacoma
san-bernardino modesto fontana santa-clarita oxnard fayetteville moreno-valley rochester huntington-beach
salt-lake-city grand-rapids amarillo yonkers akron little-rock huntsville grand-prairie shreveport
overland-park tallahassee knoxville providence fort-lauderdale chattanooga tempe brownsville eugene savannah
syracuse hartford new-haven springfield albany ann-arbor berkeley palo-alto pasadena santa-monica
santa-barbara hoboken scranton allentown harrisburg trenton camden wilmington charleston columbia greenville
birmingham montgomery jackson biloxi tuscaloosa lafayette shreveport el-cajon san-mateo sunnyvale cupertino
mountain-view redwood-city daly-city hayward concord walnut-creek santa-rosa santa-cruz monterey salinas
boulder fort-collins aurora lakewood tacoma bellevue redmond olympia spokane missoula billings cheyenne
fargo sioux-falls duluth madison green-bay kenosha dayton evanston naperville joliet peoria champaign
bloomington gary cedar-rapids iowa-city lincoln topeka tulsa norman lansing flint kalamazoo
`);

/** Cities that are also ordinary words or frequent given names are only taken with a place cue. */
export const CITY_NEEDS_CUE = new Set(
  list(`
  salem kota durg gaya sagar anand agra rewa mau pali puri guna satna latur karnal deccan aurora jackson
  madison lincoln charlotte savannah eugene irving chester columbia durham lancaster derby reading bath
  wells hull deal newport gary norman concord flint billings camden arlington lafayette richmond
  montgomery greenville springfield columbus washington bedford preston crawley darlington hastings
  stratford chelsea kensington wembley brent harrow bromley barking enfield edmonton fulham walsall dudley
  boulder lakewood bellevue olympia peoria joliet bloomington stockton bradford chandler lexington
  `),
);

export const CITIES = new Set([...CITIES_IN, ...CITIES_UK, ...CITIES_US]);
/** First words of multi-word city names, for the token scan. */
export const CITY_FIRST_WORDS = new Set(
  [...CITIES].filter((c) => c.includes('-')).map((c) => c.split('-')[0]!),
);

/** States, provinces, countries: not identifiers; never read as a name or a town. */
export const REGIONS = new Set(
  list(`
  india usa us uk england scotland wales ireland britain america canada australia nepal bangladesh pakistan
  sri-lanka dubai uae maharashtra karnataka kerala tamil-nadu telangana andhra gujarat rajasthan punjab haryana
  bihar jharkhand odisha orissa bengal west-bengal assam uttar-pradesh up madhya-pradesh mp chhattisgarh
  uttarakhand himachal kashmir goa sikkim tripura manipur meghalaya mizoram nagaland arunachal
  california texas florida georgia virginia carolina ohio michigan illinois pennsylvania arizona nevada
  oregon colorado utah washington-state massachusetts connecticut jersey maryland tennessee kentucky alabama
  louisiana mississippi arkansas missouri iowa minnesota wisconsin indiana kansas nebraska dakota montana
  wyoming idaho alaska hawaii maine vermont hampshire oklahoma
  `),
);
