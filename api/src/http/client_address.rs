//! Who is calling: the client's address as the proxies in front of this node saw it.
//!
//! The TCP peer is the client unless it is one of `server.trusted_proxies` (addresses or CIDR
//! blocks). Only then are `Forwarded` (RFC 7239) or, failing it, `X-Forwarded-For` read, from the
//! right: each trusted proxy appends the address it received from, so the first address from the
//! right that is not itself a trusted proxy is the client. Anything a client writes into these
//! headers sits further left and is never reached, and a peer that is not a trusted proxy cannot
//! move its address at all. A header that cannot be read is ignored and the peer is the client.

use std::{net::IpAddr, sync::Arc};

use actix_web::{dev::ServiceRequest, http::header::HeaderMap};
use ipnet::IpNet;

pub use crate::request_context::ClientAddress;

/// `server.trusted_proxies`, parsed once; registered as app data.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies(Arc<[IpNet]>);

impl TrustedProxies {
    /// Parses addresses (`10.0.0.7`, `::1`) and CIDR blocks (`10.0.0.0/8`); an error names the
    /// entry that is neither.
    pub fn parse(entries: &[String]) -> Result<Self, String> {
        entries
            .iter()
            .map(|entry| {
                let entry = entry.trim();
                entry
                    .parse::<IpNet>()
                    .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                    .map_err(|_| {
                        format!("server.trusted_proxies: `{entry}` is not an address or CIDR block")
                    })
            })
            .collect::<Result<Arc<[_]>, _>>()
            .map(Self)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.0.iter().any(|net| net.contains(&address))
    }

    /// The client of a request that arrived from `peer` with `headers`.
    pub fn resolve(&self, peer: IpAddr, headers: &HeaderMap) -> ClientAddress {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return ClientAddress {
                ip: peer,
                forwarded: false,
            };
        }
        let chain = forwarded_for(headers).or_else(|| x_forwarded_for(headers));
        let client = chain.and_then(|chain| {
            chain
                .into_iter()
                .rev()
                .map(canonical)
                .find(|hop| !self.trusts(*hop))
        });
        match client {
            Some(ip) => ClientAddress {
                ip,
                forwarded: true,
            },
            None => ClientAddress {
                ip: peer,
                forwarded: false,
            },
        }
    }

    /// The client of `req` (the peer when the request has none, as in some tests).
    pub fn resolve_request(&self, req: &ServiceRequest) -> ClientAddress {
        let peer = req
            .peer_addr()
            .map_or(IpAddr::from([127, 0, 0, 1]), |peer| peer.ip());
        self.resolve(peer, req.headers())
    }
}

/// IPv4-mapped IPv6 addresses (`::ffff:10.0.0.1`) are the IPv4 address they carry.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(address, IpAddr::V4),
        v4 => v4,
    }
}

/// The `for=` addresses of every `Forwarded` element, in order; `None` when the header is absent
/// or an element's `for` is not an address (`unknown`, an obfuscated name): then nothing in it is
/// trusted.
fn forwarded_for(headers: &HeaderMap) -> Option<Vec<IpAddr>> {
    let mut chain = Vec::new();
    let mut any = false;
    for value in headers.get_all("forwarded") {
        any = true;
        let text = value.to_str().ok()?;
        for element in text.split(',') {
            let Some(node) = element.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                name.trim()
                    .eq_ignore_ascii_case("for")
                    .then(|| value.trim().trim_matches('"'))
            }) else {
                continue;
            };
            chain.push(node_address(node)?);
        }
    }
    (any && !chain.is_empty()).then_some(chain)
}

/// A `Forwarded` node: `192.0.2.60`, `192.0.2.60:47011`, `[2001:db8::1]` or `[2001:db8::1]:4711`.
fn node_address(node: &str) -> Option<IpAddr> {
    if let Some(rest) = node.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    node.split(':').next()?.parse().ok()
}

fn x_forwarded_for(headers: &HeaderMap) -> Option<Vec<IpAddr>> {
    let mut chain = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        for hop in value.to_str().ok()?.split(',') {
            chain.push(hop.trim().parse().ok()?);
        }
    }
    (!chain.is_empty()).then_some(chain)
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::{HeaderName, HeaderValue};

    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(
                HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    fn proxies() -> TrustedProxies {
        TrustedProxies::parse(&["10.0.0.0/8".into(), "::1".into()]).expect("valid")
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_writes() {
        let forged = headers(&[
            ("x-forwarded-for", "203.0.113.9"),
            ("forwarded", "for=1.2.3.4"),
        ]);
        let client = proxies().resolve(ip("198.51.100.7"), &forged);
        assert_eq!(client.ip, ip("198.51.100.7"));
        assert!(!client.forwarded);
        // No proxies configured: the default trusts no one.
        let client = TrustedProxies::default().resolve(ip("10.0.0.2"), &forged);
        assert_eq!(client.ip, ip("10.0.0.2"));
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        // The client forged a first hop; the edge proxy appended the real address, an inner
        // proxy appended the edge's.
        let chain = headers(&[("x-forwarded-for", "1.1.1.1, 203.0.113.9, 10.1.2.3")]);
        let client = proxies().resolve(ip("10.0.0.5"), &chain);
        assert_eq!(client.ip, ip("203.0.113.9"));
        assert!(client.forwarded);
        // Two header lines are one list.
        let split = headers(&[
            ("x-forwarded-for", "1.1.1.1"),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(
            proxies().resolve(ip("10.0.0.5"), &split).ip,
            ip("203.0.113.9")
        );
        // IPv4-mapped peers count as the IPv4 proxy they are.
        assert_eq!(
            proxies().resolve(ip("::ffff:10.0.0.5"), &split).ip,
            ip("203.0.113.9")
        );
    }

    #[test]
    fn forwarded_is_preferred_and_its_node_forms_are_read() {
        let both = headers(&[
            (
                "forwarded",
                "for=1.1.1.1, for=\"[2001:db8::7]:4711\";proto=https",
            ),
            ("x-forwarded-for", "203.0.113.9"),
        ]);
        assert_eq!(proxies().resolve(ip("::1"), &both).ip, ip("2001:db8::7"));
        let port = headers(&[("forwarded", "for=192.0.2.60:47011;by=10.0.0.1")]);
        assert_eq!(proxies().resolve(ip("::1"), &port).ip, ip("192.0.2.60"));
    }

    #[test]
    fn an_unreadable_or_all_proxy_chain_leaves_the_peer() {
        for bad in [
            headers(&[("x-forwarded-for", "not-an-address")]),
            headers(&[("forwarded", "for=unknown")]),
            headers(&[("x-forwarded-for", "10.9.9.9")]),
            headers(&[]),
        ] {
            let client = proxies().resolve(ip("10.0.0.5"), &bad);
            assert_eq!(client.ip, ip("10.0.0.5"), "{bad:?}");
            assert!(!client.forwarded);
        }
    }

    #[test]
    fn a_bad_entry_is_named() {
        let error = TrustedProxies::parse(&["10.0.0.0/8".into(), "proxy.local".into()])
            .expect_err("a name is not an address");
        assert!(error.contains("`proxy.local`"), "{error}");
    }
}
