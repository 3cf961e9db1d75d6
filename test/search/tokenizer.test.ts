import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../src/corpus/load.js';
import { Analyzer } from '../../src/search/analyzer.js';
import { ENGLISH_STOP_WORDS } from '../../src/search/stopwords.js';
import { tokenize } from '../../src/search/tokenizer.js';
import { Vocabulary } from '../../src/search/vocabulary.js';
import { runNow } from '../../src/slices.js';
import { FIXTURE_CORPUS } from '../helpers/fixture.js';

describe('tokenize', () => {
  it('keeps technology names with symbols whole', () => {
    expect(tokenize('C#, C++ and F# on .NET')).toEqual(['c#', 'c++', 'and', 'f#', 'on', '.net']);
    expect(tokenize('Node.js or Vue.js?')).toEqual(['node.js', 'or', 'vue.js']);
    expect(tokenize('k8s clusters')).toEqual(['k8s', 'clusters']);
    expect(tokenize('Objective-C apps', { keepWhole: new Set(['objective-c']) })).toEqual(['objective-c', 'apps']);
  });

  it('folds case and accents', () => {
    expect(tokenize('Café DÉJÀ Vu')).toEqual(['cafe', 'deja', 'vu']);
    expect(tokenize('ＡＷＳ')).toEqual(['aws']);
  });

  it('splits ordinary joined words and drops possessives and sentence periods', () => {
    expect(tokenize("Netflix's back-end.")).toEqual(['netflix', 'back', 'end']);
    expect(tokenize('e-mail/SMS')).toEqual(['e', 'mail', 'sms']);
  });
});

describe('Analyzer', async () => {
  const { corpus } = await loadCorpus(FIXTURE_CORPUS);
  const vocabulary = new Vocabulary(corpus.words);
  runNow(vocabulary.addEntities(corpus.technologies, corpus.companies));
  const analyzer = new Analyzer(vocabulary, { stopWords: ENGLISH_STOP_WORDS, words: corpus.words, correctTypos: true });

  it('turns aliases into one canonical term', () => {
    expect(analyzer.analyze('Postgres').terms).toEqual(['postgresql']);
    expect(analyzer.analyze('PostgreSQL').terms).toEqual(['postgresql']);
    expect(analyzer.analyze('k8s').technologies).toEqual(['kubernetes']);
    expect(analyzer.analyze('Golang').technologies).toEqual(['go']);
    expect(analyzer.analyze('Amazon Web Services').technologies).toEqual(['aws']);
  });

  it('recognises multi-word names, companies and categories', () => {
    const analysis = analyzer.analyze('Which database does Netflix use with Apache Spark?');
    expect(analysis.companies).toEqual(['netflix']);
    expect(analysis.technologies).toEqual(['apache-spark']);
    expect(analysis.categories).toEqual(['database']);
  });

  it('tells C, C# and C++ apart and needs capitals for short ambiguous names', () => {
    expect(analyzer.analyze('c# or c++').technologies).toEqual(['csharp', 'cplusplus']);
    expect(analyzer.analyze('where do we go from here').technologies).toEqual([]);
    expect(analyzer.analyze('Is Discord written in Go?').technologies).toEqual(['go']);
    expect(analyzer.analyze('written in go').technologies).toEqual(['go']);
  });

  it('corrects typos in names', () => {
    const analysis = analyzer.analyze('does netflx use kafak');
    expect(analysis.companies).toEqual(['netflix']);
    expect(analysis.technologies).toEqual(['apache-kafka']);
  });

  it('corrects a typo inside a multi-word name', () => {
    expect(analyzer.analyze('does netflix use apache sprak').technologies).toEqual(['apache-spark']);
    expect(analyzer.analyze('amazon web servces').technologies).toEqual(['aws']);
    expect(analyzer.analyze('apache flank').technologies).toEqual(['apache-flink']);
    expect(analyzer.analyze('apache nifi').technologies).toEqual([]);
  });

  it('stems content words', () => {
    expect(analyzer.analyze('recommendations').terms).toContain('recommend');
  });
});
