import { CATEGORIES, findCategory } from './categories.js';
import type { CorpusProblem } from './problems.js';
import { slugify } from './slug.js';
import type { Technology } from './types.js';
import { YamlReader } from './yaml-reader.js';

const CATEGORY_IDS = CATEGORIES.map((category) => category.id).join(', ');

/** Parses one technologies/*.yaml file: a list of { name, aliases, category }. */
export function parseTechnologyFile(file: string, text: string): { technologies: Technology[]; problems: CorpusProblem[] } {
  const reader = new YamlReader(file, text);
  const technologies: Technology[] = [];
  if (reader.root !== undefined && !Array.isArray(reader.root)) {
    reader.problem([], 'a technology file must be a YAML list of { name, aliases, category }');
  }
  reader.list([]).forEach((_, index) => {
    reader.onlyFields([index], ['name', 'aliases', 'category']);
    const name = reader.string([index, 'name'], { required: true });
    const category = reader.string([index, 'category'], { required: true });
    const aliases = reader.stringList([index, 'aliases']);
    if (category && !findCategory(category)) {
      reader.problem([index, 'category'], `unknown category "${category}" (one of: ${CATEGORY_IDS})`);
    }
    if (name && category) {
      technologies.push({ slug: slugify(name), name, aliases, category, file, line: reader.lineOf([index, 'name']) });
    }
  });
  return { technologies, problems: reader.problems };
}
