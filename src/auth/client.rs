//! The client's address, for rate limits. It is the socket's peer, unless that peer is one of the
//! configured trusted proxies (`application.trusted_proxies`, IPs or CIDRs): then the proxy's
//! `Forwarded` (RFC 7239) or, failing that, `X-Forwarded-For` header is read from the right,
//! skipping trusted hops, and the first untrusted address is the client. A header from anyone
//! else is ignored, so a client cannot choose its own address.

use std::net::IpAddr;

use actix_web::http::header::HeaderMap;
use actix_web::HttpRequest;
use ipnet::IpNet;

/// The proxies whose forwarding headers are believed.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Parses `10.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`; names the first entry that is neither.
    pub fn parse(entries: &[String]) -> Result<Self, String> {
        entries
            .iter()
            .map(|e| {
                let e = e.trim();
                e.parse::<IpNet>()
                    .or_else(|_| e.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| format!("trusted proxy {e:?} is not an IP address or CIDR"))
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Self)
    }

    pub fn contains(&self, ip: &IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(ip))
    }
}

/// The client of `req` as a rate-limit key: its IP address, or `unknown`.
pub fn client_key(req: &HttpRequest, trusted: &TrustedProxies) -> String {
    req.peer_addr()
        .map(|peer| client_ip(peer.ip(), req.headers(), trusted).to_string())
        .unwrap_or_else(|| "unknown".into())
}

pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let chain = forwarded_chain(headers);
    let mut client = peer;
    for hop in chain.iter().rev() {
        if !trusted.contains(&client) {
            break;
        }
        match hop {
            Some(ip) => client = *ip,
            // An unparsable hop ("unknown", an obfuscated name): stop at the last known one.
            None => break,
        }
    }
    client
}

/// The forwarded-for addresses, leftmost (original client) first; `None` for a hop that is not an
/// address. `Forwarded` wins over `X-Forwarded-For` when both are present.
fn forwarded_chain(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded: Vec<Option<IpAddr>> = headers
        .get_all("forwarded")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|element| {
            element.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| parse_node(value))
            })
        })
        .collect();
    if !forwarded.is_empty() {
        return forwarded;
    }
    headers
        .get_all("x-forwarded-for")
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(parse_node)
        .collect()
}

/// `192.0.2.60`, `"192.0.2.60:4711"`, `"[2001:db8::1]:4711"`, `2001:db8::1`.
fn parse_node(raw: &str) -> Option<IpAddr> {
    let v = raw.trim().trim_matches('"');
    if let Ok(ip) = v.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = v.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    let (host, port) = v.rsplit_once(':')?;
    if port.chars().all(|c| c.is_ascii_digit()) {
        host.parse().ok()
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::http::header::{HeaderName, HeaderValue};

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                HeaderValue::from_str(v).unwrap(),
            );
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn headers_from_an_untrusted_peer_are_ignored() {
        let trusted = TrustedProxies::parse(&["10.0.0.0/8".into()]).unwrap();
        let h = headers(&[("x-forwarded-for", "1.2.3.4"), ("forwarded", "for=1.2.3.4")]);
        assert_eq!(
            client_ip(ip("203.0.113.9"), &h, &trusted),
            ip("203.0.113.9")
        );
        let nobody = TrustedProxies::default();
        assert_eq!(client_ip(ip("10.0.0.1"), &h, &nobody), ip("10.0.0.1"));
    }

    #[test]
    fn a_trusted_proxy_names_the_client_and_spoofed_hops_are_skipped() {
        let trusted = TrustedProxies::parse(&["10.0.0.0/8".into(), "::1".into()]).unwrap();
        // The client sent a forged "6.6.6.6"; our proxy appended the address it saw.
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7")]);
        assert_eq!(client_ip(ip("10.1.2.3"), &h, &trusted), ip("198.51.100.7"));
        // Two trusted hops.
        let h = headers(&[("x-forwarded-for", "6.6.6.6, 198.51.100.7, 10.9.9.9")]);
        assert_eq!(client_ip(ip("::1"), &h, &trusted), ip("198.51.100.7"));
        // No header: the proxy itself.
        assert_eq!(
            client_ip(ip("10.1.2.3"), &HeaderMap::new(), &trusted),
            ip("10.1.2.3")
        );
    }

    #[test]
    fn forwarded_header_with_ports_quotes_and_ipv6() {
        let trusted = TrustedProxies::parse(&["10.0.0.1".into()]).unwrap();
        let h = headers(&[
            ("forwarded", r#"for="[2001:db8:cafe::17]:4711";proto=https"#),
            ("x-forwarded-for", "6.6.6.6"),
        ]);
        assert_eq!(
            client_ip(ip("10.0.0.1"), &h, &trusted),
            ip("2001:db8:cafe::17")
        );
        let h = headers(&[("forwarded", r#"for=unknown, for="192.0.2.43:47011""#)]);
        assert_eq!(client_ip(ip("10.0.0.1"), &h, &trusted), ip("192.0.2.43"));
        let h = headers(&[("forwarded", "for=_hidden")]);
        assert_eq!(client_ip(ip("10.0.0.1"), &h, &trusted), ip("10.0.0.1"));
    }

    #[test]
    fn bad_entries_are_named() {
        let err = TrustedProxies::parse(&["10.0.0.0/8".into(), "proxy.local".into()]).unwrap_err();
        assert!(err.contains("proxy.local"));
    }
}
