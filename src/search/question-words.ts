/** Words that reveal what kind of question is asked. All folded to lower case. */

/** Consumer questions (plans, prices, VPNs, activation) are not tech-stack questions. */
export const CONSUMER_WORDS: ReadonlySet<string> = new Set([
  'price', 'prices', 'pricing', 'cost', 'costs', 'cheap', 'cheaper', 'cheapest', 'expensive', 'plan', 'plans', 'subscription',
  'subscriptions', 'subscribe', 'activate', 'activation', 'activating', 'vpn', 'vpns', 'bundle', 'bundles', 'bundled',
  'included', 'include', 'includes', 'broadband', 'fibre', 'fiber', 'isp', 'watch', 'watching', 'movie', 'movies', 'episode',
  'episodes', 'series', 'cancel', 'cancelling', 'canceling', 'login', 'log', 'signup', 'password', 'refund', 'trial',
  'discount', 'deal', 'deals', 'tv', 'roku', 'firestick', 'profile', 'profiles', 'billing', 'bill', 'charge', 'charged',
  'month', 'monthly', 'payment', 'pay', 'voucher', 'gift', 'unblock', 'geo', 'region', 'stock', 'shares', 'ceo', 'salary',
  'salaries', 'interview', 'job', 'jobs', 'hiring',
]);

/** "What tech stack does X use?", "What is X built with?" */
export const STACK_WORDS: ReadonlySet<string> = new Set([
  'stack', 'stacks', 'tech', 'technologies', 'technology', 'built', 'made', 'tools', 'toolset', 'overview',
]);

/** "Which companies use Kafka?", "Who uses Rust?" */
export const WHICH_COMPANIES_WORDS: ReadonlySet<string> = new Set([
  'companies', 'company', 'who', 'firms', 'businesses', 'organizations', 'organisations', 'startups', 'enterprises',
]);

/** A short name right after one of these is a technology even in lower case: "written in go". */
export const TECHNOLOGY_CONTEXT_WORDS: ReadonlySet<string> = new Set([
  'use', 'uses', 'using', 'used', 'in', 'with', 'and', 'or', 'adopt', 'adopted', 'on', 'vs', 'versus', 'like', 'about',
]);
