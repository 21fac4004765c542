/**
 * Places for the demo: the main UN duty station of each country, real field duty stations in a few
 * crisis countries, and rough tiers of UN field presence. Coordinates are approximate (±2 km) and
 * come from general knowledge, not from a gazetteer; a point that misses its country's 1:50m
 * boundary is pulled ashore by the generator.
 */

/** A named place, `[lon, lat]` like everything else. */
export interface Place {
  name: string;
  lon: number;
  lat: number;
}

/**
 * The main UN duty station per country: usually the capital, otherwise where the UN country team
 * sits (Geneva, Bonn, New York, Abidjan, Yangon, La Paz, Dar es Salaam…). Format: `ISO3|name|lat|lon`.
 */
const MAIN_STATIONS = `
AFG|Kabul|34.53|69.17
AGO|Luanda|-8.84|13.23
ALB|Tirana|41.33|19.82
AND|Andorra la Vella|42.51|1.52
ARE|Abu Dhabi|24.45|54.40
ARG|Buenos Aires|-34.60|-58.38
ARM|Yerevan|40.18|44.51
ATG|Saint John's|17.12|-61.85
AUS|Canberra|-35.28|149.13
AUT|Vienna|48.21|16.37
AZE|Baku|40.41|49.87
BDI|Bujumbura|-3.38|29.36
BEL|Brussels|50.85|4.35
BEN|Cotonou|6.37|2.43
BFA|Ouagadougou|12.37|-1.52
BGD|Dhaka|23.81|90.41
BGR|Sofia|42.70|23.32
BHR|Manama|26.22|50.58
BHS|Nassau|25.05|-77.35
BIH|Sarajevo|43.86|18.41
BLR|Minsk|53.90|27.57
BLZ|Belmopan|17.25|-88.77
BOL|La Paz|-16.50|-68.15
BRA|Brasília|-15.79|-47.88
BRB|Bridgetown|13.10|-59.61
BRN|Bandar Seri Begawan|4.90|114.94
BTN|Thimphu|27.47|89.64
BWA|Gaborone|-24.63|25.92
CAF|Bangui|4.39|18.56
CAN|Ottawa|45.42|-75.70
CHE|Geneva|46.20|6.15
CHL|Santiago|-33.45|-70.67
CHN|Beijing|39.90|116.40
CIV|Abidjan|5.35|-4.01
CMR|Yaoundé|3.87|11.52
COD|Kinshasa|-4.32|15.31
COG|Brazzaville|-4.27|15.28
COL|Bogotá|4.71|-74.07
COM|Moroni|-11.70|43.26
CPV|Praia|14.93|-23.51
CRI|San José|9.93|-84.08
CUB|Havana|23.11|-82.37
CYP|Nicosia|35.17|33.36
CZE|Prague|50.08|14.44
DEU|Bonn|50.72|7.12
DJI|Djibouti|11.59|43.15
DMA|Roseau|15.30|-61.39
DNK|Copenhagen|55.68|12.57
DOM|Santo Domingo|18.49|-69.93
DZA|Algiers|36.75|3.06
ECU|Quito|-0.18|-78.47
EGY|Cairo|30.04|31.24
ERI|Asmara|15.33|38.93
ESP|Madrid|40.42|-3.70
EST|Tallinn|59.44|24.75
ETH|Addis Ababa|9.03|38.74
FIN|Helsinki|60.17|24.94
FJI|Suva|-18.14|178.44
FRA|Paris|48.86|2.35
FSM|Palikir|6.92|158.16
GAB|Libreville|0.42|9.47
GBR|London|51.51|-0.13
GEO|Tbilisi|41.72|44.79
GHA|Accra|5.60|-0.19
GIN|Conakry|9.54|-13.68
GMB|Banjul|13.45|-16.58
GNB|Bissau|11.86|-15.60
GNQ|Malabo|3.75|8.78
GRC|Athens|37.98|23.73
GRD|Saint George's|12.06|-61.75
GTM|Guatemala City|14.63|-90.51
GUY|Georgetown|6.80|-58.16
HND|Tegucigalpa|14.07|-87.19
HRV|Zagreb|45.81|15.98
HTI|Port-au-Prince|18.54|-72.34
HUN|Budapest|47.50|19.04
IDN|Jakarta|-6.21|106.85
IND|New Delhi|28.61|77.21
IRL|Dublin|53.35|-6.26
IRN|Tehran|35.69|51.39
IRQ|Baghdad|33.31|44.36
ISL|Reykjavík|64.15|-21.94
ISR|Tel Aviv|32.08|34.78
ITA|Rome|41.90|12.50
JAM|Kingston|18.02|-76.80
JOR|Amman|31.95|35.93
JPN|Tokyo|35.68|139.69
KAZ|Astana|51.17|71.45
KEN|Nairobi|-1.29|36.82
KGZ|Bishkek|42.87|74.59
KHM|Phnom Penh|11.56|104.92
KIR|South Tarawa|1.33|172.98
KNA|Basseterre|17.30|-62.72
KOR|Seoul|37.57|126.98
KWT|Kuwait City|29.38|47.99
LAO|Vientiane|17.98|102.63
LBN|Beirut|33.89|35.50
LBR|Monrovia|6.30|-10.80
LBY|Tripoli|32.89|13.19
LCA|Castries|14.01|-60.99
LIE|Vaduz|47.14|9.52
LKA|Colombo|6.93|79.86
LSO|Maseru|-29.31|27.48
LTU|Vilnius|54.69|25.28
LUX|Luxembourg|49.61|6.13
LVA|Riga|56.95|24.11
MAR|Rabat|34.02|-6.84
MCO|Monaco|43.74|7.42
MDA|Chișinău|47.01|28.86
MDG|Antananarivo|-18.88|47.51
MDV|Malé|4.18|73.51
MEX|Mexico City|19.43|-99.13
MHL|Majuro|7.09|171.38
MKD|Skopje|42.00|21.43
MLI|Bamako|12.64|-8.00
MLT|Valletta|35.90|14.51
MMR|Yangon|16.87|96.20
MNE|Podgorica|42.44|19.26
MNG|Ulaanbaatar|47.89|106.91
MOZ|Maputo|-25.97|32.57
MRT|Nouakchott|18.08|-15.98
MUS|Port Louis|-20.16|57.50
MWI|Lilongwe|-13.96|33.79
MYS|Kuala Lumpur|3.14|101.69
NAM|Windhoek|-22.56|17.08
NER|Niamey|13.51|2.11
NGA|Abuja|9.08|7.40
NIC|Managua|12.11|-86.24
NLD|The Hague|52.08|4.30
NOR|Oslo|59.91|10.75
NPL|Kathmandu|27.72|85.32
NRU|Yaren|-0.55|166.92
NZL|Wellington|-41.29|174.78
OMN|Muscat|23.59|58.41
PAK|Islamabad|33.68|73.05
PAN|Panama City|8.98|-79.52
PER|Lima|-12.05|-77.04
PHL|Manila|14.60|120.98
PLW|Ngerulmud|7.50|134.62
PNG|Port Moresby|-9.44|147.18
POL|Warsaw|52.23|21.01
PRK|Pyongyang|39.04|125.76
PRT|Lisbon|38.72|-9.14
PRY|Asunción|-25.26|-57.58
PSE|Ramallah|31.90|35.20
QAT|Doha|25.29|51.53
ROU|Bucharest|44.43|26.10
RUS|Moscow|55.76|37.62
RWA|Kigali|-1.95|30.06
SAU|Riyadh|24.71|46.68
SDN|Khartoum|15.50|32.56
SEN|Dakar|14.72|-17.47
SGP|Singapore|1.35|103.82
SLB|Honiara|-9.43|159.95
SLE|Freetown|8.48|-13.23
SLV|San Salvador|13.69|-89.22
SMR|San Marino|43.94|12.45
SOM|Mogadishu|2.05|45.32
SRB|Belgrade|44.79|20.45
SSD|Juba|4.85|31.58
STP|São Tomé|0.34|6.73
SUR|Paramaribo|5.85|-55.20
SVK|Bratislava|48.15|17.11
SVN|Ljubljana|46.06|14.51
SWE|Stockholm|59.33|18.07
SWZ|Mbabane|-26.31|31.14
SYC|Victoria|-4.62|55.45
SYR|Damascus|33.51|36.29
TCD|N'Djamena|12.13|15.06
TGO|Lomé|6.13|1.22
THA|Bangkok|13.76|100.50
TJK|Dushanbe|38.56|68.78
TKM|Ashgabat|37.96|58.33
TLS|Dili|-8.56|125.57
TON|Nukuʻalofa|-21.14|-175.20
TTO|Port of Spain|10.66|-61.51
TUN|Tunis|36.81|10.18
TUR|Ankara|39.93|32.86
TUV|Funafuti|-8.52|179.20
TZA|Dar es Salaam|-6.79|39.21
UGA|Kampala|0.35|32.58
UKR|Kyiv|50.45|30.52
UNK|Pristina|42.66|21.17
URY|Montevideo|-34.90|-56.16
USA|New York|40.75|-73.97
UZB|Tashkent|41.30|69.24
VCT|Kingstown|13.16|-61.23
VEN|Caracas|10.49|-66.88
VNM|Hanoi|21.03|105.85
VUT|Port Vila|-17.73|168.32
WSM|Apia|-13.83|-171.76
YEM|Sana'a|15.37|44.19
ZAF|Pretoria|-25.75|28.19
ZMB|Lusaka|-15.39|28.32
ZWE|Harare|-17.83|31.05
`;

/** Real field duty stations (after the main one), per country. Format: `ISO3|name,lat,lon|…`. */
const FIELD_STATIONS = `
AFG|Kandahar,31.61,65.71|Herat,34.35,62.20|Mazar-i-Sharif,36.71,67.11|Jalalabad,34.43,70.45|Kunduz,36.73,68.86|Bamyan,34.82,67.83|Faizabad,37.12,70.58|Gardez,33.60,69.23
COD|Goma,-1.68,29.22|Bukavu,-2.51,28.86|Bunia,1.56,30.25|Lubumbashi,-11.66,27.48|Kananga,-5.90,22.42|Kalemie,-5.95,29.19|Beni,0.49,29.47|Kisangani,0.52,25.20|Mbandaka,0.05,18.26
SSD|Malakal,9.53,31.66|Bentiu,9.23,29.80|Wau,7.70,27.99|Bor,6.21,31.56|Aweil,8.77,27.40|Rumbek,6.81,29.68|Torit,4.41,32.57|Yambio,4.57,28.40
YEM|Aden,12.80,45.03|Al Hudaydah,14.80,42.95|Marib,15.46,45.32|Taiz,13.58,44.02|Saada,16.94,43.76|Ibb,13.97,44.18|Al Mukalla,14.54,49.12
SOM|Hargeisa,9.56,44.06|Garowe,8.40,48.48|Baidoa,3.12,43.65|Kismayo,-0.36,42.55|Galkayo,6.77,47.43|Beledweyne,4.74,45.20|Dhusamareb,5.53,46.39|Bosaso,11.28,49.18
HTI|Cap-Haïtien,19.76,-72.20|Les Cayes,18.19,-73.75|Gonaïves,19.45,-72.69|Jacmel,18.23,-72.54|Hinche,19.14,-72.01|Jérémie,18.65,-74.12
MLI|Mopti,14.49,-4.20|Gao,16.27,-0.04|Timbuktu,16.77,-3.01|Kidal,18.44,1.41|Ménaka,15.92,2.40|Ségou,13.43,-6.26|Kayes,14.45,-11.44|Sikasso,11.32,-5.67
KEN|Mombasa,-4.04,39.67|Kisumu,-0.09,34.77|Dadaab,0.05,40.31|Kakuma,3.72,34.86|Lodwar,3.12,35.60|Garissa,-0.45,39.65|Mandera,3.94,41.86|Nakuru,-0.30,36.07
SDN|Port Sudan,19.62,37.22|El Fasher,13.63,25.35|Nyala,12.05,24.88|Kassala,15.45,36.40|Kadugli,11.01,29.72|El Obeid,13.18,30.22|El Geneina,13.45,22.45
UKR|Kharkiv,49.99,36.23|Dnipro,48.46,35.05|Odesa,46.48,30.73|Lviv,49.84,24.03|Zaporizhzhia,47.84,35.14|Kramatorsk,48.74,37.58|Mykolaiv,46.98,31.99
ETH|Mekelle,13.50,39.47|Gambela,8.25,34.59|Jijiga,9.35,42.80|Dire Dawa,9.60,41.85|Bahir Dar,11.59,37.39|Semera,11.79,41.01|Dollo Ado,4.18,42.07
NGA|Maiduguri,11.85,13.16|Lagos,6.52,3.38|Yola,9.20,12.48|Damaturu,11.75,11.96|Port Harcourt,4.82,7.03|Kano,12.00,8.52
CAF|Bambari,5.76,20.68|Bria,6.54,21.99|Kaga-Bandoro,6.99,19.19|Bossangoa,6.49,17.45|Paoua,7.24,16.44|Bouar,5.93,15.60
SYR|Aleppo,36.20,37.16|Homs,34.73,36.72|Qamishli,37.05,41.23|Tartus,34.89,35.89|Deir ez-Zor,35.34,40.14|Hama,35.13,36.75
IRQ|Erbil,36.19,44.01|Basra,30.51,47.81|Mosul,36.34,43.13|Kirkuk,35.47,44.39|Duhok,36.87,42.99|Najaf,32.03,44.35
`;

/** Countries with large humanitarian or peace operations: many duty stations and areas. */
export const CRISIS_COUNTRIES: ReadonlySet<string> = new Set(
  `AFG BFA BGD CAF CMR COD COL ETH HTI IRQ LBN LBY MLI MMR MOZ NER NGA PAK PSE SDN SOM SSD SYR TCD UKR VEN YEM`.split(
    ' ',
  ),
);

/** Countries with a sizeable development or humanitarian field presence. */
export const FIELD_COUNTRIES: ReadonlySet<string> = new Set(
  `AGO ARM AZE BDI BEN BIH BOL BTN CIV COG CUB DJI DZA ECU EGY ERI GEO GHA GIN GMB GNB GTM GUY HND IDN IRN JOR KEN
   KGZ KHM LAO LBR LKA LSO MDA MDG MNG MRT MWI NIC NPL PER PHL PNG RWA SEN SLE SLV SRB SWZ TGO TJK TLS TUR TZA UGA
   UNK UZB ZMB ZWE`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * High-income countries: little or no field presence, usually a liaison or headquarters office
 * only (headquarters premises are generated at the main station whatever the tier).
 */
export const HIGH_INCOME_COUNTRIES: ReadonlySet<string> = new Set(
  `AND ARE ATG AUS AUT BEL BHR BHS BRB BRN CAN CHE CHL CYP CZE DEU DNK ESP EST FIN FRA GBR GRC HRV HUN IRL ISL ISR
   ITA JPN KNA KOR KWT LIE LTU LUX LVA MCO MLT NLD NOR NRU NZL OMN PAN POL PRT QAT ROU SAU SGP SMR SVK SVN SWE URY
   USA`
    .split(/\s+/)
    .filter(Boolean),
);

/** Headquarters and regional-hub duty stations, which hold many premises. */
export const HUB_COUNTRIES: ReadonlySet<string> = new Set(
  `USA CHE AUT ITA KEN THA ETH JOR DNK DEU FRA NLD CHL LBN SEN PAN EGY ZAF TUR HUN ESP`.split(' '),
);

function parseMain(text: string): Map<string, Place> {
  const out = new Map<string, Place>();
  for (const line of text.trim().split('\n')) {
    const [code, name, lat, lon] = line.split('|');
    if (code && name) out.set(code, { name, lat: Number(lat), lon: Number(lon) });
  }
  return out;
}

function parseField(text: string): Map<string, Place[]> {
  const out = new Map<string, Place[]>();
  for (const line of text.trim().split('\n')) {
    const [code, ...places] = line.split('|');
    if (!code) continue;
    out.set(
      code,
      places.map((p) => {
        const [name, lat, lon] = p.split(',');
        return { name: name ?? '', lat: Number(lat), lon: Number(lon) };
      }),
    );
  }
  return out;
}

/** Main duty station per country (ISO alpha-3). */
export const MAIN_STATION_BY_COUNTRY: ReadonlyMap<string, Place> = parseMain(MAIN_STATIONS);

/** Real field duty stations per country, for the countries listed above. */
export const FIELD_STATIONS_BY_COUNTRY: ReadonlyMap<string, readonly Place[]> = parseField(FIELD_STATIONS);

/** The countries of the `small` demo, in order; the first one gets the country-scoped logins. */
export const SMALL_COUNTRY_CODES: readonly string[] = [
  'AFG',
  'COD',
  'SSD',
  'YEM',
  'SOM',
  'HTI',
  'MLI',
  'KEN',
];
