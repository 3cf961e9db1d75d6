/** The categories a technology or a fact belongs to. Ids are what corpus files use. */
export interface Category {
  id: string;
  /** Plural label for lists and headings: "Databases". */
  label: string;
  /** How the category reads inside a question: "What <noun> does Netflix use?" */
  noun: string;
  /** Words that name the category in a question (already folded to lower case). */
  askedAs: readonly string[];
}

export const CATEGORIES: readonly Category[] = [
  {
    id: 'language',
    label: 'Languages',
    noun: 'programming languages',
    askedAs: ['language', 'languages', 'coded', 'written', 'programming', 'lang'],
  },
  { id: 'backend', label: 'Backend', noun: 'backend', askedAs: ['backend', 'back-end', 'server-side', 'framework', 'frameworks'] },
  { id: 'frontend', label: 'Frontend', noun: 'frontend', askedAs: ['frontend', 'front-end', 'website', 'ui', 'web'] },
  { id: 'mobile', label: 'Mobile', noun: 'mobile stack', askedAs: ['mobile', 'ios', 'android', 'app', 'apps', 'iphone'] },
  {
    id: 'database',
    label: 'Databases',
    noun: 'databases',
    askedAs: ['database', 'databases', 'db', 'dbs', 'datastore', 'datastores', 'storage', 'sql', 'nosql', 'cache', 'caching', 'cached'],
  },
  {
    id: 'data',
    label: 'Data and streaming',
    noun: 'data and streaming tools',
    askedAs: ['streaming', 'analytics', 'pipeline', 'pipelines', 'etl', 'big-data', 'warehouse', 'queue', 'queues', 'messaging'],
  },
  {
    id: 'infrastructure',
    label: 'Infrastructure',
    noun: 'infrastructure',
    askedAs: ['infrastructure', 'infra', 'servers', 'server', 'orchestration', 'containers', 'cdn', 'hardware'],
  },
  { id: 'cloud', label: 'Cloud', noun: 'cloud', askedAs: ['cloud', 'hosting', 'hosted', 'host', 'provider'] },
  {
    id: 'observability',
    label: 'Observability',
    noun: 'observability tools',
    askedAs: ['observability', 'monitoring', 'logging', 'metrics', 'tracing', 'alerting'],
  },
  {
    id: 'ml',
    label: 'Machine learning',
    noun: 'machine learning tools',
    askedAs: ['ml', 'machine', 'learning', 'ai', 'models', 'recommendation', 'recommendations'],
  },
  { id: 'api', label: 'APIs and protocols', noun: 'APIs and protocols', askedAs: ['api', 'apis', 'protocol', 'protocols', 'rpc'] },
  {
    id: 'devtools',
    label: 'Developer tools',
    noun: 'developer tools',
    askedAs: ['ci', 'cd', 'tooling', 'devtools', 'deploy', 'deploys', 'deployment', 'deployments'],
  },
  { id: 'architecture', label: 'Architecture', noun: 'architecture', askedAs: ['architecture', 'architectural', 'design'] },
];

const byId = new Map(CATEGORIES.map((category) => [category.id, category]));

export function findCategory(id: string): Category | undefined {
  return byId.get(id);
}
