/** The categories a technology or a fact belongs to. Ids are what corpus files use. */
export interface Category {
  id: string;
  /** Plural label for lists and headings: "Databases". */
  label: string;
  /** How the category reads inside a question: "What <noun> does Netflix use?" */
  noun: string;
}

export const CATEGORIES: readonly Category[] = [
  {
    id: 'language',
    label: 'Languages',
    noun: 'programming languages',
  },
  { id: 'backend', label: 'Backend', noun: 'backend' },
  { id: 'frontend', label: 'Frontend', noun: 'frontend' },
  { id: 'mobile', label: 'Mobile', noun: 'mobile stack' },
  {
    id: 'database',
    label: 'Databases',
    noun: 'databases',
  },
  {
    id: 'data',
    label: 'Data and streaming',
    noun: 'data and streaming tools',
  },
  {
    id: 'infrastructure',
    label: 'Infrastructure',
    noun: 'infrastructure',
  },
  { id: 'cloud', label: 'Cloud', noun: 'cloud' },
  {
    id: 'observability',
    label: 'Observability',
    noun: 'observability tools',
  },
  {
    id: 'ml',
    label: 'Machine learning',
    noun: 'machine learning tools',
  },
  { id: 'api', label: 'APIs and protocols', noun: 'APIs and protocols' },
  {
    id: 'devtools',
    label: 'Developer tools',
    noun: 'developer tools',
  },
  { id: 'architecture', label: 'Architecture', noun: 'architecture' },
];

const byId = new Map(CATEGORIES.map((category) => [category.id, category]));

export function findCategory(id: string): Category | undefined {
  return byId.get(id);
}
