/**
 * Shapes of AWS identifiers that are sensitive wherever they appear, and the few AWS strings that
 * look alike but are public knowledge. Shared by the redactor (free-text scrubbing, alias checks)
 * and the leak guard (generic scan of rendered output).
 */

/** `ecs-tasks.amazonaws.com`, `s3.amazonaws.com`: service principals and global endpoints. */
const GLOBAL_SERVICE_HOST = /^[a-z0-9-]+\.amazonaws\.com(?:\.cn)?$/;

/**
 * `delivery.logs.amazonaws.com`, `logging.s3.amazonaws.com`: service principals of two labels. The
 * one global customer host of that shape is a bucket's (`<bucket>.s3.amazonaws.com`), so under `s3`
 * only AWS's own principals count.
 */
const TWO_LABEL_SERVICE_PRINCIPAL = /^(?:(?:logging|batchoperations)\.s3|[a-z0-9-]+\.(?!s3(?:$|[.-]))[a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/;

/**
 * `sqs.us-east-1.amazonaws.com`: a regional service endpoint, the same for every account; also with
 * the region already replaced by its pseudonym (`sqs.region-k3f9.amazonaws.com`, --redact-region).
 */
const REGIONAL_SERVICE_HOST = /^[a-z0-9-]+\.(?:[a-z]{2}(?:-[a-z]+)+-\d|region-[a-z2-9]{4,7})\.amazonaws\.com(?:\.cn)?$/;

/**
 * AWS's own web sites (documentation, console), linked from redirects and descriptions: the same for
 * every account. `<alias>.signin.aws.amazon.com` is not among them: it names the account.
 */
const AWS_WEB_HOST = /^(?:docs\.aws\.amazon\.com|aws\.amazon\.com|(?:[a-z]{2}(?:-[a-z]+)+-\d\.)?console\.aws\.amazon\.com|repost\.aws)$/;

/** Hosts under AWS-owned DNS suffixes, every partition. */
export const AWS_HOST_SOURCE = String.raw`(?:[a-z0-9*](?:[a-z0-9-]*[a-z0-9])?\.)+(?:amazonaws\.com(?:\.cn)?|amazonaws\.eu|api\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov)(?![a-z0-9-])`;

/** True for AWS hosts any account uses (service principals, service endpoints): not sensitive. */
export function isPublicAwsHost(host: string): boolean {
  const normalized = host.toLowerCase().replace(/\.$/, '');
  return GLOBAL_SERVICE_HOST.test(normalized) || TWO_LABEL_SERVICE_PRINCIPAL.test(normalized) || REGIONAL_SERVICE_HOST.test(normalized) || AWS_WEB_HOST.test(normalized);
}

/** `com.amazonaws.us-east-1.sqs`: an AWS service's endpoint name (not a customer PrivateLink service). */
export function isAwsEndpointServiceName(name: string): boolean {
  return /^com\.amazonaws\.[a-z0-9-]+\.[a-z0-9.-]+$/.test(name) && !name.includes('vpce-svc');
}

/** `arn:aws:iam::aws:policy/...`: an AWS-managed policy, the same in every account. */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return /^arn:aws[a-z-]*:iam::aws:policy\//.test(arn);
}

/**
 * A 12-digit account id standing alone: not inside a longer number, a decimal or a hex string
 * (a SHA-256 fingerprint holds runs of digits).
 */
export const ACCOUNT_ID_SOURCE = String.raw`(?<![0-9a-z.])\d{12}(?![0-9a-z])`;

/** EC2-style resource ids: a known prefix and 8 or 17 hex digits. */
export const EC2_ID_SOURCE = String.raw`\b(?:sg|sgr|subnet|vpc|vpce|vpce-svc|eni|i|rtb|igw|eigw|nat|ami|pl|tgw|tgw-attach|tgw-rtb|pcx|acl|dopt|lt|snap|vol|eipalloc|eipassoc|cvpn-endpoint|fl|vgw|cgw|vpn|lgw|elbv2|r)-(?:[0-9a-f]{17}|[0-9a-f]{8})\b`;

/** A generic pattern the leak guard looks for in rendered output, and what to call a hit. */
export interface GenericPattern {
  category: string;
  regex: RegExp;
  /** Matches that are public knowledge despite the shape (service principals...). */
  allows?: (match: string) => boolean;
  /**
   * Every character a match can hold (`char`), and a text every match holds (`anchor`, global):
   * each match then lies within one run of such characters that holds the anchor, and only those
   * runs need the regular expression (see `patternMatches`).
   */
  runs?: { char: RegExp; anchor: RegExp };
}

/** Fresh regex instances (global flag: they carry state), most specific first. */
export function genericPatterns(): GenericPattern[] {
  return [
    { category: 'ARN with an account id', regex: /arn:aws[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:\d{12}:/gi },
    { category: 'AWS access key or unique id', regex: /\b(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/g },
    { category: 'account id', regex: new RegExp(ACCOUNT_ID_SOURCE, 'gi') },
    { category: 'EC2 resource id', regex: new RegExp(EC2_ID_SOURCE, 'gi') },
    {
      category: 'AWS host name',
      regex: new RegExp(AWS_HOST_SOURCE, 'gi'),
      allows: isPublicAwsHost,
      runs: { char: /[a-z0-9*.-]/i, anchor: /amazonaws\.|api\.aws|c2s\.ic\.gov|sc2s\.sgov\.gov/gi },
    },
    { category: 'private IPv4 address', regex: privateIpv4Regex() },
    { category: 'IPv4 address', regex: /(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\d.])/g, allows: isWellKnownAddress },
    { category: 'e-mail address', regex: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g, runs: { char: /[A-Za-z0-9._%+@-]/, anchor: /@/g } },
  ];
}

/**
 * The matches of `pattern` in `text`, with their index: those of `text.matchAll(pattern.regex)`,
 * in order. A pattern with `runs` is matched only within the runs of its characters that hold its
 * anchor. A match cannot cross the end of a run, and nothing before a run can reach into it, so the
 * matches within a run are those of the run alone; the expressions of host names and e-mail
 * addresses read each word from each of its characters, which on 40 MB of output took seconds.
 */
export function* patternMatches(pattern: GenericPattern, text: string): Generator<{ value: string; index: number }> {
  if (pattern.runs === undefined) {
    for (const match of text.matchAll(pattern.regex)) yield { value: match[0], index: match.index };
    return;
  }
  const { char, anchor } = pattern.runs;
  let runEnd = 0;
  for (const found of text.matchAll(anchor)) {
    if (found.index < runEnd) continue;
    let start = found.index;
    while (start > 0 && char.test(text[start - 1]!)) start--;
    runEnd = found.index;
    while (runEnd < text.length && char.test(text[runEnd]!)) runEnd++;
    for (const match of text.slice(start, runEnd).matchAll(pattern.regex)) yield { value: match[0], index: start + match.index };
  }
}

/** Addresses every network shares: any, broadcast, loopback, the instance metadata service. Private ones have their own pattern. */
function isWellKnownAddress(ip: string): boolean {
  return ip === '0.0.0.0' || ip === '255.255.255.255' || ip.startsWith('127.') || ip === '169.254.169.254' || ip === '169.254.170.2' || privateIpv4Regex().test(ip);
}

/** 10/8, 172.16/12, 192.168/16, with an optional prefix length; also `ip-10-0-1-5` host names. */
function privateIpv4Regex(): RegExp {
  const octet = String.raw`(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)`;
  const dotted = String.raw`(?:10\.${octet}|172\.(?:1[6-9]|2\d|3[01])|192\.168)\.${octet}\.${octet}`;
  const dashed = String.raw`ip-(?:10-${octet}|172-(?:1[6-9]|2\d|3[01])|192-168)-${octet}-${octet}`;
  return new RegExp(String.raw`(?<![\d.])(?:${dotted}(?!\.?\d)(?:/\d{1,2})?|${dashed}(?![\d-]))`, 'g');
}

/** The first generic sensitive shape in `value`, or undefined: an alias or keep entry must have none. */
export function sensitiveShape(value: string): string | undefined {
  for (const pattern of genericPatterns()) {
    for (const match of value.matchAll(pattern.regex)) {
      if (!pattern.allows?.(match[0])) return pattern.category;
    }
  }
  return undefined;
}
