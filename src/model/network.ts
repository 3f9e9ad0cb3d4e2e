/** The CIDRs that mean "anyone on the internet" in a security group rule (IPv4 and IPv6). */
export const PUBLIC_INTERNET_CIDRS: ReadonlySet<string> = new Set(['0.0.0.0/0', '::/0']);
