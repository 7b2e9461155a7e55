//! Who is on the other end of a request: the peer's address, or — when the
//! peer is a reverse proxy this server trusts (`--trusted-proxy`) — the
//! address the proxy says it forwarded for, and whether the request came
//! over TLS. Forwarding headers are believed only from a trusted proxy:
//! from anyone else they are whatever the sender wished.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Client {
    pub ip: IpAddr,
    /// The request reached the proxy over https.
    pub tls: bool,
}

impl Client {
    /// The client behind `peer`: with `X-Forwarded-For: a, b, c` from a
    /// trusted proxy, the rightmost address that is not itself a trusted
    /// proxy (entries to its left could be made up by the client).
    pub fn resolve(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> Self {
        if !trusted.contains(&peer) {
            return Self { ip: peer, tls: false };
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse().ok())
            .collect();
        let ip = forwarded
            .iter()
            .rev()
            .find(|a| !trusted.contains(a))
            .copied()
            .unwrap_or(peer);
        let tls = headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim().eq_ignore_ascii_case("https"));
        Self { ip, tls }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    /// Set by the gate for every request; the bare peer otherwise.
    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if let Some(c) = parts.extensions.get::<Client>() {
            return Ok(*c);
        }
        let ip = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([127, 0, 0, 1]), |c| c.0.ip());
        Ok(Client { ip, tls: false })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(*k, v.parse().unwrap());
        }
        h
    }

    #[test]
    fn forwarding_is_believed_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let h = headers(&[
            ("x-forwarded-for", "6.6.6.6, 203.0.113.9"),
            ("x-forwarded-proto", "https"),
        ]);
        let behind = Client::resolve(proxy, &h, &[proxy]);
        assert_eq!(
            behind.ip,
            "203.0.113.9".parse::<IpAddr>().unwrap(),
            "the rightmost untrusted entry"
        );
        assert!(behind.tls);
        let direct = Client::resolve("198.51.100.7".parse().unwrap(), &h, &[proxy]);
        assert_eq!(direct.ip, "198.51.100.7".parse::<IpAddr>().unwrap());
        assert!(!direct.tls, "anyone can send the header");
    }
}
