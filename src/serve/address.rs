//! The address the preview's links point at. Listening on every interface
//! (`--bind 0.0.0.0`) is for reading the preview from another device, so its links
//! (canonical, feeds, Open Graph) must name an address that device can reach, never
//! `0.0.0.0`; `--base-url` names one outright, as `zola serve --base-url` does.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};

use crate::error::{Error, Result};

/// The base URL of the preview served on `address`: `base_url` when given (a URL,
/// or a host name that gets the port served), else the address itself, with an
/// unspecified IP replaced by this machine's network address.
pub fn public_url(base_url: Option<&str>, address: SocketAddr) -> Result<String> {
    let Some(given) = base_url.map(str::trim) else {
        let ip = if address.ip().is_unspecified() {
            reachable_ip(address.ip())
        } else {
            address.ip()
        };
        return Ok(format!("http://{}/", SocketAddr::new(ip, address.port())));
    };
    if given.contains("://") {
        let url = url::Url::parse(given).map_err(|e| bad_url(given, &e.to_string()))?;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return Err(bad_url(given, "it is not an http:// or https:// address"));
        }
        // The preview is served from the root of its address; links under a path
        // would all miss.
        if url.path() != "/" || url.query().is_some() {
            return Err(bad_url(
                given,
                "the preview is served at the root of the address, so it takes no path",
            ));
        }
        let mut text = url.to_string();
        if !text.ends_with('/') {
            text.push('/');
        }
        return Ok(text);
    }
    // A bare host ("192.168.1.20", "preview.local", "[::1]") gets the port served;
    // one written with a port keeps it.
    let host = given.trim_end_matches('/');
    let with_port = match host.parse::<IpAddr>() {
        Ok(ip) => SocketAddr::new(ip, address.port()).to_string(),
        Err(_) if host.parse::<SocketAddr>().is_ok() => host.to_owned(),
        Err(_)
            if host
                .rsplit_once(':')
                .is_some_and(|(_, p)| p.parse::<u16>().is_ok()) =>
        {
            host.to_owned()
        }
        Err(_) => format!("{host}:{}", address.port()),
    };
    let url = format!("http://{with_port}/");
    url::Url::parse(&url).map_err(|e| bad_url(given, &e.to_string()))?;
    Ok(url)
}

fn bad_url(given: &str, why: &str) -> Error {
    Error::Usage(format!(
        "--base-url \"{given}\" is not usable ({why})\n  hint: write a URL such as http://192.168.1.20:1111/ or a host name such as 192.168.1.20"
    ))
}

/// The address other machines reach this one on, in `unspecified`'s family: the
/// local end of a UDP socket "connected" towards a documentation address (no packet
/// is sent; the system only picks the route). Without a route, the loopback address.
fn reachable_ip(unspecified: IpAddr) -> IpAddr {
    let (local, remote): (IpAddr, SocketAddr) = match unspecified {
        IpAddr::V4(_) => (
            Ipv4Addr::UNSPECIFIED.into(),
            (Ipv4Addr::new(192, 0, 2, 1), 9).into(),
        ),
        IpAddr::V6(_) => (
            Ipv6Addr::UNSPECIFIED.into(),
            (Ipv6Addr::new(0x2001, 0xdb8, 0, 0, 0, 0, 0, 1), 9).into(),
        ),
    };
    let loopback = match unspecified {
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
    };
    UdpSocket::bind((local, 0))
        .and_then(|socket| {
            socket.connect(remote)?;
            socket.local_addr()
        })
        .map(|a| a.ip())
        .ok()
        .filter(|ip| !ip.is_unspecified())
        .unwrap_or(loopback)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> SocketAddr {
        text.parse().unwrap()
    }

    #[test]
    fn every_interface_never_becomes_a_link() {
        for bound in ["0.0.0.0:1111", "[::]:1111"] {
            let url = public_url(None, at(bound)).unwrap();
            assert!(
                !url.contains("0.0.0.0") && !url.contains("[::]"),
                "{bound} gave {url}"
            );
            assert!(url.ends_with(":1111/"), "{url}");
        }
    }

    #[test]
    fn a_given_address_is_used_as_written() {
        let served = at("0.0.0.0:1112");
        assert_eq!(
            public_url(Some("192.168.1.20"), served).unwrap(),
            "http://192.168.1.20:1112/"
        );
        assert_eq!(
            public_url(Some("preview.local"), served).unwrap(),
            "http://preview.local:1112/"
        );
        assert_eq!(
            public_url(Some("preview.local:8080"), served).unwrap(),
            "http://preview.local:8080/"
        );
        assert_eq!(
            public_url(Some("https://preview.example.org"), served).unwrap(),
            "https://preview.example.org/"
        );
        assert_eq!(
            public_url(Some("::1"), served).unwrap(),
            "http://[::1]:1112/"
        );
        assert_eq!(
            public_url(None, at("127.0.0.1:1113")).unwrap(),
            "http://127.0.0.1:1113/"
        );
    }

    #[test]
    fn an_unusable_address_is_refused() {
        for bad in [
            "ftp://example.org/",
            "http://",
            "not a host",
            "https://example.org/news/",
        ] {
            assert!(
                public_url(Some(bad), at("127.0.0.1:1111")).is_err(),
                "{bad}"
            );
        }
    }
}
