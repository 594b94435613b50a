/* SPDX-License-Identifier: ISC */
/* places.c - the countries proctor knows (see places.h). */
#include <pthread.h>
#include <string.h>

#include "places.h"

/* Each place's first name, and whether it is a region (never a competing candidate). */
static const struct {
    const char *name;
    int region;
} places[] = {
    {"afghanistan", 0},
    {"albania", 0},
    {"algeria", 0},
    {"andorra", 0},
    {"angola", 0},
    {"antigua barbuda", 0},
    {"argentina", 0},
    {"armenia", 0},
    {"australia", 0},
    {"austria", 0},
    {"azerbaijan", 0},
    {"bahamas", 0},
    {"bahrain", 0},
    {"bangladesh", 0},
    {"barbados", 0},
    {"belarus", 0},
    {"belgium", 0},
    {"belize", 0},
    {"benin", 0},
    {"bhutan", 0},
    {"bolivia", 0},
    {"bosnia", 0},
    {"botswana", 0},
    {"brazil", 0},
    {"brunei", 0},
    {"bulgaria", 0},
    {"burkina faso", 0},
    {"burundi", 0},
    {"cambodia", 0},
    {"cameroon", 0},
    {"canada", 0},
    {"cape verde", 0},
    {"central african republic", 0},
    {"chad", 0},
    {"chile", 0},
    {"china", 0},
    {"colombia", 0},
    {"comoros", 0},
    {"congo", 0},
    {"democratic republic congo", 0},
    {"costa rica", 0},
    {"cote divoire", 0},
    {"croatia", 0},
    {"cuba", 0},
    {"cyprus", 0},
    {"czech republic", 0},
    {"denmark", 0},
    {"djibouti", 0},
    {"dominica", 0},
    {"dominican republic", 0},
    {"east timor", 0},
    {"ecuador", 0},
    {"egypt", 0},
    {"el salvador", 0},
    {"equatorial guinea", 0},
    {"eritrea", 0},
    {"estonia", 0},
    {"eswatini", 0},
    {"ethiopia", 0},
    {"fiji", 0},
    {"finland", 0},
    {"france", 0},
    {"gabon", 0},
    {"gambia", 0},
    {"georgia", 0},
    {"germany", 0},
    {"ghana", 0},
    {"greece", 0},
    {"grenada", 0},
    {"guatemala", 0},
    {"guinea", 0},
    {"guinea bissau", 0},
    {"guyana", 0},
    {"haiti", 0},
    {"honduras", 0},
    {"hungary", 0},
    {"iceland", 0},
    {"india", 0},
    {"indonesia", 0},
    {"iran", 0},
    {"iraq", 0},
    {"ireland", 0},
    {"israel", 0},
    {"italy", 0},
    {"jamaica", 0},
    {"japan", 0},
    {"jordan", 0},
    {"kazakhstan", 0},
    {"kenya", 0},
    {"kiribati", 0},
    {"north korea", 0},
    {"south korea", 0},
    {"kosovo", 0},
    {"kuwait", 0},
    {"kyrgyzstan", 0},
    {"laos", 0},
    {"latvia", 0},
    {"lebanon", 0},
    {"lesotho", 0},
    {"liberia", 0},
    {"libya", 0},
    {"liechtenstein", 0},
    {"lithuania", 0},
    {"luxembourg", 0},
    {"madagascar", 0},
    {"malawi", 0},
    {"malaysia", 0},
    {"maldives", 0},
    {"mali", 0},
    {"malta", 0},
    {"marshall islands", 0},
    {"mauritania", 0},
    {"mauritius", 0},
    {"mexico", 0},
    {"micronesia", 0},
    {"moldova", 0},
    {"monaco", 0},
    {"mongolia", 0},
    {"montenegro", 0},
    {"morocco", 0},
    {"mozambique", 0},
    {"myanmar", 0},
    {"namibia", 0},
    {"nauru", 0},
    {"nepal", 0},
    {"netherlands", 0},
    {"new zealand", 0},
    {"nicaragua", 0},
    {"niger", 0},
    {"nigeria", 0},
    {"north macedonia", 0},
    {"norway", 0},
    {"oman", 0},
    {"pakistan", 0},
    {"palau", 0},
    {"palestine", 0},
    {"panama", 0},
    {"papua new guinea", 0},
    {"paraguay", 0},
    {"peru", 0},
    {"philippines", 0},
    {"poland", 0},
    {"portugal", 0},
    {"qatar", 0},
    {"romania", 0},
    {"russia", 0},
    {"rwanda", 0},
    {"saint kitts nevis", 0},
    {"saint lucia", 0},
    {"saint vincent grenadines", 0},
    {"samoa", 0},
    {"san marino", 0},
    {"sao tome principe", 0},
    {"saudi arabia", 0},
    {"senegal", 0},
    {"serbia", 0},
    {"seychelles", 0},
    {"sierra leone", 0},
    {"singapore", 0},
    {"slovakia", 0},
    {"slovenia", 0},
    {"solomon islands", 0},
    {"somalia", 0},
    {"south africa", 0},
    {"south sudan", 0},
    {"spain", 0},
    {"sri lanka", 0},
    {"sudan", 0},
    {"suriname", 0},
    {"sweden", 0},
    {"switzerland", 0},
    {"syria", 0},
    {"taiwan", 0},
    {"tajikistan", 0},
    {"tanzania", 0},
    {"thailand", 0},
    {"togo", 0},
    {"tonga", 0},
    {"trinidad tobago", 0},
    {"tunisia", 0},
    {"turkey", 0},
    {"turkmenistan", 0},
    {"tuvalu", 0},
    {"uganda", 0},
    {"ukraine", 0},
    {"united arab emirates", 0},
    {"united kingdom", 0},
    {"united states", 0},
    {"uruguay", 0},
    {"uzbekistan", 0},
    {"vanuatu", 0},
    {"vatican", 0},
    {"venezuela", 0},
    {"vietnam", 0},
    {"yemen", 0},
    {"zambia", 0},
    {"zimbabwe", 0},
    {"africa", 1},
    {"europe", 1},
    {"asia", 1},
    {"east africa", 1},
    {"west africa", 1},
    {"central africa", 1},
    {"great lakes", 1},
    {"middle east", 1},
    {"latin america", 1},
    {"north america", 1},
    {"south america", 1},
    {"quebec", 1},
    {"flanders", 1},
    {"wallonia", 1},
};

#define NPLACES (sizeof places / sizeof places[0])

/*
 * Every name, other name and people's adjective of a place, with the place's number, sorted
 * (strcmp) so that the names beginning with a word are found by a binary search. Words are
 * tokens' keys (lower case, no accents, no apostrophes) without "the", "of", "and" and the
 * like, one space between. A word that is the adjective of two places ("dominican") names
 * the first.
 */
static const struct alt {
    const char *words;
    short place;
} alts[] = {
    {"abyssinia", 58}, /* ethiopia */
    {"afghan", 0}, /* afghanistan */
    {"afghani", 0}, /* afghanistan */
    {"afghanistan", 0},
    {"africa", 197},
    {"african", 197}, /* africa */
    {"albania", 1},
    {"albanian", 1}, /* albania */
    {"algeria", 2},
    {"algerian", 2}, /* algeria */
    {"america", 187}, /* united states */
    {"american", 187}, /* united states */
    {"andorra", 3},
    {"andorran", 3}, /* andorra */
    {"angola", 4},
    {"angolan", 4}, /* angola */
    {"antigua barbuda", 5},
    {"antiguan", 5}, /* antigua barbuda */
    {"argentina", 6},
    {"argentine", 6}, /* argentina */
    {"argentinian", 6}, /* argentina */
    {"armenia", 7},
    {"armenian", 7}, /* armenia */
    {"asia", 199},
    {"asian", 199}, /* asia */
    {"australia", 8},
    {"australian", 8}, /* australia */
    {"austria", 9},
    {"austrian", 9}, /* austria */
    {"azerbaijan", 10},
    {"azerbaijani", 10}, /* azerbaijan */
    {"bahamas", 11},
    {"bahamian", 11}, /* bahamas */
    {"bahrain", 12},
    {"bahraini", 12}, /* bahrain */
    {"bangladesh", 13},
    {"bangladeshi", 13}, /* bangladesh */
    {"barbadian", 14}, /* barbados */
    {"barbados", 14},
    {"basotho", 98}, /* lesotho */
    {"belarus", 15},
    {"belarusian", 15}, /* belarus */
    {"belgian", 16}, /* belgium */
    {"belgie", 16}, /* belgium */
    {"belgique", 16}, /* belgium */
    {"belgium", 16},
    {"belize", 17},
    {"belizean", 17}, /* belize */
    {"benin", 18},
    {"beninese", 18}, /* benin */
    {"bhutan", 19},
    {"bhutanese", 19}, /* bhutan */
    {"bissau guinean", 71}, /* guinea bissau */
    {"bolivia", 20},
    {"bolivian", 20}, /* bolivia */
    {"bosnia", 21},
    {"bosnia herzegovina", 21}, /* bosnia */
    {"bosnian", 21}, /* bosnia */
    {"botswana", 22},
    {"botswanan", 22}, /* botswana */
    {"brasil", 23}, /* brazil */
    {"brazil", 23},
    {"brazilian", 23}, /* brazil */
    {"britain", 186}, /* united kingdom */
    {"british", 186}, /* united kingdom */
    {"briton", 186}, /* united kingdom */
    {"brunei", 24},
    {"bruneian", 24}, /* brunei */
    {"bulgaria", 25},
    {"bulgarian", 25}, /* bulgaria */
    {"burkina faso", 26},
    {"burkinabe", 26}, /* burkina faso */
    {"burma", 121}, /* myanmar */
    {"burmese", 121}, /* myanmar */
    {"burundi", 27},
    {"burundian", 27}, /* burundi */
    {"byelorussia", 15}, /* belarus */
    {"cabo verde", 31}, /* cape verde */
    {"cambodia", 28},
    {"cambodian", 28}, /* cambodia */
    {"cameroon", 29},
    {"cameroonian", 29}, /* cameroon */
    {"cameroun", 29}, /* cameroon */
    {"canada", 30},
    {"canadian", 30}, /* canada */
    {"cape verde", 31},
    {"cape verdean", 31}, /* cape verde */
    {"central africa", 202},
    {"central african", 32}, /* central african republic */
    {"central african republic", 32},
    {"ceylon", 166}, /* sri lanka */
    {"chad", 33},
    {"chadian", 33}, /* chad */
    {"chile", 34},
    {"chilean", 34}, /* chile */
    {"china", 35},
    {"chinese", 35}, /* china */
    {"colombia", 36},
    {"colombian", 36}, /* colombia */
    {"comorian", 37}, /* comoros */
    {"comoros", 37},
    {"congo", 38},
    {"congo brazzaville", 38}, /* congo */
    {"congo kinshasa", 39}, /* democratic republic congo */
    {"congolese", 38}, /* congo */
    {"costa rica", 40},
    {"costa rican", 40}, /* costa rica */
    {"cote divoire", 41},
    {"croat", 42}, /* croatia */
    {"croatia", 42},
    {"croatian", 42}, /* croatia */
    {"cuba", 43},
    {"cuban", 43}, /* cuba */
    {"cypriot", 44}, /* cyprus */
    {"cyprus", 44},
    {"czech", 45}, /* czech republic */
    {"czech republic", 45},
    {"czechia", 45}, /* czech republic */
    {"czechoslovak", 45}, /* czech republic */
    {"czechoslovakia", 45}, /* czech republic */
    {"dahomey", 18}, /* benin */
    {"dane", 46}, /* denmark */
    {"danish", 46}, /* denmark */
    {"democratic republic congo", 39},
    {"denmark", 46},
    {"deutschland", 65}, /* germany */
    {"djibouti", 47},
    {"djiboutian", 47}, /* djibouti */
    {"dominica", 48},
    {"dominican", 48}, /* dominica */
    {"dominican republic", 49},
    {"dprk", 90}, /* north korea */
    {"drc", 39}, /* democratic republic congo */
    {"dutch", 125}, /* netherlands */
    {"east africa", 200},
    {"east african", 200}, /* east africa */
    {"east germany", 65}, /* germany */
    {"east timor", 50},
    {"ecuador", 51},
    {"ecuadorian", 51}, /* ecuador */
    {"egypt", 52},
    {"egyptian", 52}, /* egypt */
    {"eire", 81}, /* ireland */
    {"el salvador", 53},
    {"emirati", 185}, /* united arab emirates */
    {"england", 186}, /* united kingdom */
    {"english", 186}, /* united kingdom */
    {"equatoguinean", 54}, /* equatorial guinea */
    {"equatorial guinea", 54},
    {"eritrea", 55},
    {"eritrean", 55}, /* eritrea */
    {"espana", 165}, /* spain */
    {"estonia", 56},
    {"estonian", 56}, /* estonia */
    {"eswatini", 57},
    {"ethiopia", 58},
    {"ethiopian", 58}, /* ethiopia */
    {"europe", 198},
    {"european", 198}, /* europe */
    {"fiji", 59},
    {"fijian", 59}, /* fiji */
    {"filipino", 140}, /* philippines */
    {"finland", 60},
    {"finn", 60}, /* finland */
    {"finnish", 60}, /* finland */
    {"flanders", 209},
    {"flemish", 209}, /* flanders */
    {"francais", 61}, /* france */
    {"france", 61},
    {"french", 61}, /* france */
    {"frenchman", 61}, /* france */
    {"gabon", 62},
    {"gabonese", 62}, /* gabon */
    {"gambia", 63},
    {"gambian", 63}, /* gambia */
    {"georgia", 64},
    {"georgian", 64}, /* georgia */
    {"german", 65}, /* germany */
    {"germany", 65},
    {"ghana", 66},
    {"ghanaian", 66}, /* ghana */
    {"great britain", 186}, /* united kingdom */
    {"great lakes", 203},
    {"greece", 67},
    {"greek", 67}, /* greece */
    {"grenada", 68},
    {"grenadian", 68}, /* grenada */
    {"guatemala", 69},
    {"guatemalan", 69}, /* guatemala */
    {"guinea", 70},
    {"guinea bissau", 71},
    {"guinean", 70}, /* guinea */
    {"guyana", 72},
    {"guyanese", 72}, /* guyana */
    {"haiti", 73},
    {"haitian", 73}, /* haiti */
    {"holland", 125}, /* netherlands */
    {"holy see", 191}, /* vatican */
    {"honduran", 74}, /* honduras */
    {"honduras", 74},
    {"hungarian", 75}, /* hungary */
    {"hungary", 75},
    {"i kiribati", 89}, /* kiribati */
    {"iceland", 76},
    {"icelander", 76}, /* iceland */
    {"icelandic", 76}, /* iceland */
    {"india", 77},
    {"indian", 77}, /* india */
    {"indonesia", 78},
    {"indonesian", 78}, /* indonesia */
    {"iran", 79},
    {"iranian", 79}, /* iran */
    {"iraq", 80},
    {"iraqi", 80}, /* iraq */
    {"ireland", 81},
    {"irish", 81}, /* ireland */
    {"israel", 82},
    {"israeli", 82}, /* israel */
    {"italia", 83}, /* italy */
    {"italian", 83}, /* italy */
    {"italy", 83},
    {"ivorian", 41}, /* cote divoire */
    {"ivory coast", 41}, /* cote divoire */
    {"jamaica", 84},
    {"jamaican", 84}, /* jamaica */
    {"japan", 85},
    {"japanese", 85}, /* japan */
    {"jordan", 86},
    {"jordanian", 86}, /* jordan */
    {"kampuchea", 28}, /* cambodia */
    {"kazakh", 87}, /* kazakhstan */
    {"kazakhstan", 87},
    {"kazakhstani", 87}, /* kazakhstan */
    {"kenya", 88},
    {"kenyan", 88}, /* kenya */
    {"kiribati", 89},
    {"kittitian", 147}, /* saint kitts nevis */
    {"kiwi", 126}, /* new zealand */
    {"korea", 91}, /* south korea */
    {"korean", 91}, /* south korea */
    {"kosovan", 92}, /* kosovo */
    {"kosovar", 92}, /* kosovo */
    {"kosovo", 92},
    {"kuwait", 93},
    {"kuwaiti", 93}, /* kuwait */
    {"kyrgyz", 94}, /* kyrgyzstan */
    {"kyrgyzstan", 94},
    {"lao", 95}, /* laos */
    {"laos", 95},
    {"laotian", 95}, /* laos */
    {"latin america", 205},
    {"latin american", 205}, /* latin america */
    {"latvia", 96},
    {"latvian", 96}, /* latvia */
    {"lebanese", 97}, /* lebanon */
    {"lebanon", 97},
    {"lesotho", 98},
    {"liberia", 99},
    {"liberian", 99}, /* liberia */
    {"libya", 100},
    {"libyan", 100}, /* libya */
    {"liechtenstein", 101},
    {"liechtensteiner", 101}, /* liechtenstein */
    {"lithuania", 102},
    {"lithuanian", 102}, /* lithuania */
    {"luxembourg", 103},
    {"luxembourger", 103}, /* luxembourg */
    {"luxembourgish", 103}, /* luxembourg */
    {"macedonia", 130}, /* north macedonia */
    {"macedonian", 130}, /* north macedonia */
    {"madagascar", 104},
    {"malagasy", 104}, /* madagascar */
    {"malawi", 105},
    {"malawian", 105}, /* malawi */
    {"malaysia", 106},
    {"malaysian", 106}, /* malaysia */
    {"maldives", 107},
    {"maldivian", 107}, /* maldives */
    {"mali", 108},
    {"malian", 108}, /* mali */
    {"malta", 109},
    {"maltese", 109}, /* malta */
    {"maroc", 119}, /* morocco */
    {"marshall islands", 110},
    {"marshallese", 110}, /* marshall islands */
    {"mauritania", 111},
    {"mauritanian", 111}, /* mauritania */
    {"mauritian", 112}, /* mauritius */
    {"mauritius", 112},
    {"mexican", 113}, /* mexico */
    {"mexico", 113},
    {"micronesia", 114},
    {"micronesian", 114}, /* micronesia */
    {"middle east", 204},
    {"middle eastern", 204}, /* middle east */
    {"moldova", 115},
    {"moldovan", 115}, /* moldova */
    {"monaco", 116},
    {"monegasque", 116}, /* monaco */
    {"mongolia", 117},
    {"mongolian", 117}, /* mongolia */
    {"montenegrin", 118}, /* montenegro */
    {"montenegro", 118},
    {"moroccan", 119}, /* morocco */
    {"morocco", 119},
    {"mosotho", 98}, /* lesotho */
    {"motswana", 22}, /* botswana */
    {"mozambican", 120}, /* mozambique */
    {"mozambique", 120},
    {"myanmar", 121},
    {"namibia", 122},
    {"namibian", 122}, /* namibia */
    {"nauru", 123},
    {"nauruan", 123}, /* nauru */
    {"nepal", 124},
    {"nepalese", 124}, /* nepal */
    {"nepali", 124}, /* nepal */
    {"netherlands", 125},
    {"new zealand", 126},
    {"new zealander", 126}, /* new zealand */
    {"ni vanuatu", 190}, /* vanuatu */
    {"nicaragua", 127},
    {"nicaraguan", 127}, /* nicaragua */
    {"niger", 128},
    {"nigeria", 129},
    {"nigerian", 129}, /* nigeria */
    {"nigerien", 128}, /* niger */
    {"north america", 206},
    {"north american", 206}, /* north america */
    {"north korea", 90},
    {"north korean", 90}, /* north korea */
    {"north macedonia", 130},
    {"norway", 131},
    {"norwegian", 131}, /* norway */
    {"oman", 132},
    {"omani", 132}, /* oman */
    {"pakistan", 133},
    {"pakistani", 133}, /* pakistan */
    {"palau", 134},
    {"palauan", 134}, /* palau */
    {"palestine", 135},
    {"palestinian", 135}, /* palestine */
    {"panama", 136},
    {"panamanian", 136}, /* panama */
    {"papua new guinea", 137},
    {"papua new guinean", 137}, /* papua new guinea */
    {"paraguay", 138},
    {"paraguayan", 138}, /* paraguay */
    {"persia", 79}, /* iran */
    {"persian", 79}, /* iran */
    {"peru", 139},
    {"peruvian", 139}, /* peru */
    {"philippine", 140}, /* philippines */
    {"philippines", 140},
    {"poland", 141},
    {"pole", 141}, /* poland */
    {"polish", 141}, /* poland */
    {"portugal", 142},
    {"portuguese", 142}, /* portugal */
    {"prc", 35}, /* china */
    {"qatar", 143},
    {"qatari", 143}, /* qatar */
    {"quebec", 208},
    {"quebecer", 208}, /* quebec */
    {"quebecker", 208}, /* quebec */
    {"quebecois", 208}, /* quebec */
    {"republic congo", 38}, /* congo */
    {"rhodesia", 196}, /* zimbabwe */
    {"rhodesian", 196}, /* zimbabwe */
    {"romania", 144},
    {"romanian", 144}, /* romania */
    {"ruanda", 146}, /* rwanda */
    {"russia", 145},
    {"russian", 145}, /* russia */
    {"russian federation", 145}, /* russia */
    {"rwanda", 146},
    {"rwandais", 146}, /* rwanda */
    {"rwandan", 146}, /* rwanda */
    {"rwandese", 146}, /* rwanda */
    {"saint kitts nevis", 147},
    {"saint lucia", 148},
    {"saint lucian", 148}, /* saint lucia */
    {"saint vincent grenadines", 149},
    {"salvadoran", 53}, /* el salvador */
    {"salvadorean", 53}, /* el salvador */
    {"sammarinese", 151}, /* san marino */
    {"samoa", 150},
    {"samoan", 150}, /* samoa */
    {"san marino", 151},
    {"santomean", 152}, /* sao tome principe */
    {"sao tome principe", 152},
    {"saudi", 153}, /* saudi arabia */
    {"saudi arabia", 153},
    {"saudi arabian", 153}, /* saudi arabia */
    {"scotland", 186}, /* united kingdom */
    {"scottish", 186}, /* united kingdom */
    {"senegal", 154},
    {"senegalese", 154}, /* senegal */
    {"serb", 155}, /* serbia */
    {"serbia", 155},
    {"serbian", 155}, /* serbia */
    {"seychelles", 156},
    {"seychellois", 156}, /* seychelles */
    {"siam", 175}, /* thailand */
    {"sierra leone", 157},
    {"sierra leonean", 157}, /* sierra leone */
    {"singapore", 158},
    {"singaporean", 158}, /* singapore */
    {"slovak", 159}, /* slovakia */
    {"slovakia", 159},
    {"slovakian", 159}, /* slovakia */
    {"slovene", 160}, /* slovenia */
    {"slovenia", 160},
    {"slovenian", 160}, /* slovenia */
    {"solomon islander", 161}, /* solomon islands */
    {"solomon islands", 161},
    {"somali", 162}, /* somalia */
    {"somali republic", 162}, /* somalia */
    {"somalia", 162},
    {"somalian", 162}, /* somalia */
    {"south africa", 163},
    {"south african", 163}, /* south africa */
    {"south america", 207},
    {"south american", 207}, /* south america */
    {"south korea", 91},
    {"south korean", 91}, /* south korea */
    {"south sudan", 164},
    {"south sudanese", 164}, /* south sudan */
    {"soviet", 145}, /* russia */
    {"soviet union", 145}, /* russia */
    {"spain", 165},
    {"spaniard", 165}, /* spain */
    {"spanish", 165}, /* spain */
    {"sri lanka", 166},
    {"sri lankan", 166}, /* sri lanka */
    {"sudan", 167},
    {"sudanese", 167}, /* sudan */
    {"suisse", 170}, /* switzerland */
    {"suriname", 168},
    {"surinamese", 168}, /* suriname */
    {"swazi", 57}, /* eswatini */
    {"swaziland", 57}, /* eswatini */
    {"swede", 169}, /* sweden */
    {"sweden", 169},
    {"swedish", 169}, /* sweden */
    {"swiss", 170}, /* switzerland */
    {"switzerland", 170},
    {"syria", 171},
    {"syrian", 171}, /* syria */
    {"taiwan", 172},
    {"taiwanese", 172}, /* taiwan */
    {"tajik", 173}, /* tajikistan */
    {"tajikistan", 173},
    {"tanganyika", 174}, /* tanzania */
    {"tanzania", 174},
    {"tanzanian", 174}, /* tanzania */
    {"tchad", 33}, /* chad */
    {"thai", 175}, /* thailand */
    {"thailand", 175},
    {"timor leste", 50}, /* east timor */
    {"timorese", 50}, /* east timor */
    {"togo", 176},
    {"togolese", 176}, /* togo */
    {"tonga", 177},
    {"tongan", 177}, /* tonga */
    {"trinidad tobago", 178},
    {"trinidadian", 178}, /* trinidad tobago */
    {"tunisia", 179},
    {"tunisian", 179}, /* tunisia */
    {"tunisie", 179}, /* tunisia */
    {"turk", 180}, /* turkey */
    {"turkey", 180},
    {"turkish", 180}, /* turkey */
    {"turkiye", 180}, /* turkey */
    {"turkmen", 181}, /* turkmenistan */
    {"turkmenistan", 181},
    {"tuvalu", 182},
    {"tuvaluan", 182}, /* tuvalu */
    {"uae", 185}, /* united arab emirates */
    {"uganda", 183},
    {"ugandan", 183}, /* uganda */
    {"uk", 186}, /* united kingdom */
    {"ukraine", 184},
    {"ukrainian", 184}, /* ukraine */
    {"united arab emirates", 185},
    {"united kingdom", 186},
    {"united states", 187},
    {"united states america", 187}, /* united states */
    {"upper volta", 26}, /* burkina faso */
    {"uruguay", 188},
    {"uruguayan", 188}, /* uruguay */
    {"us", 187}, /* united states */
    {"usa", 187}, /* united states */
    {"ussr", 145}, /* russia */
    {"uzbek", 189}, /* uzbekistan */
    {"uzbekistan", 189},
    {"vanuatu", 190},
    {"vatican", 191},
    {"venezuela", 192},
    {"venezuelan", 192}, /* venezuela */
    {"viet nam", 193}, /* vietnam */
    {"vietnam", 193},
    {"vietnamese", 193}, /* vietnam */
    {"vincentian", 149}, /* saint vincent grenadines */
    {"wales", 186}, /* united kingdom */
    {"wallonia", 210},
    {"walloon", 210}, /* wallonia */
    {"welsh", 186}, /* united kingdom */
    {"west africa", 201},
    {"west african", 201}, /* west africa */
    {"west germany", 65}, /* germany */
    {"yemen", 194},
    {"yemeni", 194}, /* yemen */
    {"yugoslav", 155}, /* serbia */
    {"yugoslavia", 155}, /* serbia */
    {"zaire", 39}, /* democratic republic congo */
    {"zairean", 39}, /* democratic republic congo */
    {"zairian", 39}, /* democratic republic congo */
    {"zambia", 195},
    {"zambian", 195}, /* zambia */
    {"zimbabwe", 196},
    {"zimbabwean", 196}, /* zimbabwe */
};

#define NALTS (sizeof alts / sizeof alts[0])

/* Where the alternatives of each first byte begin in alts (sorted as strcmp sorts, so by
 * first byte too): those of byte b are [first_at[b], first_at[b + 1]). Built once. */
static size_t first_at[257];
static pthread_once_t first_once = PTHREAD_ONCE_INIT;

static void
first_index(void)
{
    size_t i = 0;

    for (int b = 0; b < 256; b++) {
        first_at[b] = i;
        while (i < NALTS && (unsigned char)alts[i].words[0] == b)
            i++;
    }
    first_at[256] = NALTS;
}

/* Whether alternative alt is the words keys[0..n) from the first: returns how many words it
 * takes, or 0. */
static size_t
alt_words(const char *alt, const char *const *keys, size_t n)
{
    size_t k = 0;

    while (k < n) {
        size_t wl = strlen(keys[k]);
        if (strncmp(alt, keys[k], wl) != 0 || (alt[wl] != ' ' && alt[wl] != '\0'))
            return 0;
        k++;
        if (alt[wl] == '\0')
            return k;
        alt += wl + 1;
    }
    return 0;
}

int
places_find(const char *const *keys, size_t n, size_t *len)
{
    size_t lo, hi, wl, best_len = 0;
    int best = -1;

    if (n == 0 || !keys[0][0])
        return -1;
    pthread_once(&first_once, first_index);
    lo = first_at[(unsigned char)keys[0][0]]; /* the alternatives of its first byte */
    hi = first_at[(unsigned char)keys[0][0] + 1];
    wl = strlen(keys[0]);
    while (lo < hi) { /* the first alternative not before keys[0] */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(alts[mid].words, keys[0]) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (; lo < NALTS && strncmp(alts[lo].words, keys[0], wl) == 0; lo++) {
        size_t k = alt_words(alts[lo].words, keys, n);
        if (k > best_len) {
            best = alts[lo].place;
            best_len = k;
        }
    }
    if (best >= 0)
        *len = best_len;
    return best;
}

int
places_is_country(int place)
{
    return place >= 0 && (size_t)place < NPLACES && !places[place].region;
}
