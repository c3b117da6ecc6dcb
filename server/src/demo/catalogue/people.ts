// Names and addresses with a Provençal accent — the region's mix of old
// Provençal, Italian, Spanish, Armenian and North African families.

export const FIRST_NAMES_F = [
  'Marie', 'Nathalie', 'Isabelle', 'Sylvie', 'Catherine', 'Sandrine', 'Christine', 'Valérie', 'Céline', 'Laurence',
  'Sophie', 'Camille', 'Julie', 'Émilie', 'Aurélie', 'Chloé', 'Léa', 'Manon', 'Pauline', 'Audrey', 'Mireille',
  'Magali', 'Odile', 'Josiane', 'Françoise', 'Brigitte', 'Samia', 'Nadia', 'Carla', 'Anaïs', 'Elodie', 'Virginie',
  'Martine', 'Danielle', 'Estelle', 'Rose', 'Lucie', 'Margaux', 'Inès', 'Lina',
];

export const FIRST_NAMES_M = [
  'Jean', 'Pierre', 'Michel', 'Philippe', 'Alain', 'Patrick', 'Christophe', 'Laurent', 'Frédéric', 'Stéphane',
  'Olivier', 'Nicolas', 'Julien', 'Sébastien', 'Thomas', 'Guillaume', 'Romain', 'Mathieu', 'Antoine', 'Maxime',
  'Lucas', 'Hugo', 'Marius', 'Fabien', 'Gilles', 'Serge', 'Karim', 'Mehdi', 'Rachid', 'Hervé', 'Bruno', 'Didier',
  'Gérard', 'Marcel', 'Yannick', 'Jean-Pierre', 'Jean-Marc', 'Raphaël', 'Florian', 'Kévin',
];

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Roux', 'Fabre', 'Blanc', 'Giraud', 'Arnaud', 'Rey', 'Garcia', 'Martinez', 'Lopez', 'Sanchez',
  'Fernandez', 'Michel', 'Bonnet', 'Girard', 'Mercier', 'Durand', 'Dupont', 'Moreau', 'Laurent', 'Simon', 'Lambert',
  'Fontaine', 'Chevalier', 'Reynaud', 'Brémond', 'Gautier', 'Meyer', 'Guérin', 'Roche', 'Roussel', 'Brun', 'Imbert',
  'Barthélemy', 'Olivier', 'Aubert', 'Jullien', 'Chabert', 'Maurel', 'Bonnefoy', 'Ricard', 'Pellegrin', 'Castel',
  'Audibert', 'Vidal', 'Caillat', 'Esposito', 'Russo', 'Ferrari', 'Romano', 'Santoni', 'Paoli', 'Albertini',
  'Marchetti', 'Benali', 'Haddad', 'Mansour', 'Ohanian', 'Kazarian', 'Tomasini', 'Granier', 'Bouchet', 'Pons',
  'Peyron', 'Gasquet', 'Rostan', 'Tardieu', 'Daumas', 'Isnard', 'Castellan', 'Ravel', 'Barbier', 'Bertrand',
  'Faure', 'Robert', 'Richard', 'Petit', 'Thomas', 'Sabatier', 'Mistral', 'Autran', 'Coulomb', 'Jourdan', 'Baille',
];

export const STREETS = [
  'rue de la République', 'avenue Jean Jaurès', 'boulevard Victor Hugo', 'chemin des Oliviers', 'chemin des Cigales',
  'impasse des Lavandes', 'allée des Pins', 'avenue de la Libération', 'rue Frédéric Mistral', 'chemin de la Colline',
  'traverse des Amandiers', 'avenue du Général de Gaulle', 'rue Paul Cézanne', 'chemin du Mas', 'chemin des Vignes',
  'rue des Écoles', "place de l'Église", 'avenue des Platanes', 'rue Marcel Pagnol', 'allée des Micocouliers',
  'chemin des Bastides', 'avenue Jean Moulin', 'rue du Moulin', 'impasse du Puits', 'chemin de la Source',
  'montée des Tilleuls', 'rue Alphonse Daudet', 'avenue Émile Zola', 'chemin des Garrigues', 'rue de la Fontaine',
  'avenue Paul Arène', 'chemin de la Bastide Neuve', 'lotissement Les Restanques', 'rue des Magnanarelles',
  'chemin des Romarins', 'avenue des Félibres', 'rue Jean Giono', 'chemin du Vallon', 'traverse de la Treille',
  'boulevard des Écureuils', 'rue des Tanneurs', 'chemin de Saint-Jean', 'avenue des Cyprès', 'impasse des Genêts',
];

/** Businesses and communities with installations (town appended where it reads naturally). */
export const BUSINESSES: ReadonlyArray<{ name: string; kind: 'camping' | 'hotel' | 'condo' | 'shop' | 'office' | 'town' | 'gite' }> = [
  { name: 'Camping Les Oliviers', kind: 'camping' },
  { name: 'Camping Le Mas des Pins', kind: 'camping' },
  { name: 'Camping La Pinède', kind: 'camping' },
  { name: 'Hôtel Le Clos des Lavandes', kind: 'hotel' },
  { name: 'Hôtel La Bastide du Soleil', kind: 'hotel' },
  { name: 'Hôtel Les Terrasses du Port', kind: 'hotel' },
  { name: 'Gîtes du Mas de la Source', kind: 'gite' },
  { name: 'Chambres d’hôtes La Magnanerie', kind: 'gite' },
  { name: 'Copropriété Les Jardins d’Arcadie', kind: 'condo' },
  { name: 'Copropriété Le Parc des Cèdres', kind: 'condo' },
  { name: 'Résidence Les Hauts de la Treille', kind: 'condo' },
  { name: 'Boulangerie Au Pain d’Antan', kind: 'shop' },
  { name: 'Pharmacie de la Place', kind: 'shop' },
  { name: 'Restaurant La Table de Marius', kind: 'shop' },
  { name: 'Cabinet médical des Platanes', kind: 'office' },
  { name: 'Cabinet d’architectes Ocre & Pierre', kind: 'office' },
  { name: 'Domaine viticole de Fontbelle', kind: 'office' },
  { name: 'Centre équestre Les Chênes Verts', kind: 'office' },
  { name: 'Mairie — Piscine municipale', kind: 'town' },
  { name: 'Mairie — École Jules Ferry', kind: 'town' },
];

/**
 * Telephone numbers from the ranges ARCEP keeps for fiction (04 65 71 xx xx,
 * 06 39 98 xx xx): realistic-looking and nobody's.
 */
export function fictionalPhone(mobile: boolean, n: number): string {
  const tail = String(n % 10_000).padStart(4, '0');
  return `${mobile ? '06 39 98' : '04 65 71'} ${tail.slice(0, 2)} ${tail.slice(2)}`;
}

/** ASCII, lower-case, dots for spaces: for demo e-mail addresses. */
export function emailLocalPart(...parts: string[]): string {
  return parts
    .join('.')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9.]+/g, '-')
    .replace(/-?\.-?/g, '.')
    .replace(/^[.-]+|[.-]+$/g, '');
}
