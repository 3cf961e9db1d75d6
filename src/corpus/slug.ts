import { foldText } from '../search/normalize.js';

/**
 * A stable key for a name: "Apache Spark" -> "apache-spark", "C#" -> "csharp",
 * "C++" -> "cplusplus", ".NET" -> "dotnet". Symbols that distinguish languages are
 * spelled out so C, C# and C++ never share a key.
 */
export function slugify(name: string): string {
  return foldText(name)
    .replace(/\+/g, 'plus')
    .replace(/#/g, 'sharp')
    .replace(/^\./, 'dot')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
