//! This laptop's addresses on the local network, for the sync screen to show so that the other
//! desk can type one. Read from the system's list of interfaces (`if-addrs`): nothing is sent.

use std::net::Ipv4Addr;

/// An address the other desk may reach this laptop at, and the interface that holds it
/// ("Wi-Fi", "wlan0"), so the coordinator can tell the venue's network from another.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LanAddr {
    pub ip: Ipv4Addr,
    pub interface: String,
}

/// This laptop's IPv4 addresses another laptop on the same network may reach, best first
/// (`choose`). Empty when it is on no network.
pub fn lan_addresses() -> std::io::Result<Vec<LanAddr>> {
    let found = if_addrs::get_if_addrs()?;
    Ok(choose(found.into_iter().filter_map(|i| {
        let running = running(&i.oper_status);
        match i.addr {
            if_addrs::IfAddr::V4(v4) => Some((i.name, v4.ip, running)),
            if_addrs::IfAddr::V6(_) => None,
        }
    })))
}

/// Whether an interface carries traffic. On Unix `if-addrs` says `Up` for a running interface
/// and `Unknown` for any other; Windows reports each state, and `Unknown` may still work there.
fn running(status: &if_addrs::IfOperStatus) -> bool {
    match status {
        if_addrs::IfOperStatus::Up => true,
        if_addrs::IfOperStatus::Unknown => cfg!(windows),
        _ => false,
    }
}

/// Of (interface, address, running) as the system lists them: the addresses of running
/// interfaces that another laptop could reach, each once, the private ranges a venue's network
/// hands out first (192.168/16, 10/8, 172.16/12), then the shared range (100.64/10), then the
/// rest; in the system's order within each. Loopback, link-local (169.254/16, given when no
/// network answered), unspecified, broadcast, multicast and 0/8 are left out.
pub fn choose(found: impl IntoIterator<Item = (String, Ipv4Addr, bool)>) -> Vec<LanAddr> {
    let mut out: Vec<(u8, LanAddr)> = Vec::new();
    for (interface, ip, running) in found {
        let Some(rank) = rank(ip) else { continue };
        if !running || out.iter().any(|(_, a)| a.ip == ip) {
            continue;
        }
        out.push((rank, LanAddr { ip, interface }));
    }
    // Stable: the system's order stays within a rank.
    out.sort_by_key(|(rank, _)| *rank);
    out.into_iter().map(|(_, a)| a).collect()
}

/// Lower first; `None`: not an address another laptop can reach.
fn rank(ip: Ipv4Addr) -> Option<u8> {
    let [a, b, ..] = ip.octets();
    if ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || a == 0
    {
        return None;
    }
    Some(match (a, b) {
        (192, 168) => 0,
        (10, _) => 1,
        (172, 16..=31) => 2,
        (100, 64..=127) => 3,
        _ => 4,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(list: &[(&str, [u8; 4], bool)]) -> Vec<(String, Ipv4Addr, bool)> {
        list.iter()
            .map(|(n, ip, up)| (n.to_string(), Ipv4Addr::from(*ip), *up))
            .collect()
    }

    fn ips(addrs: &[LanAddr]) -> Vec<String> {
        addrs.iter().map(|a| a.ip.to_string()).collect()
    }

    #[test]
    fn private_ranges_come_first_loopback_and_link_local_are_left_out() {
        let chosen = choose(found(&[
            ("lo", [127, 0, 0, 1], true),
            ("eth1", [203, 0, 113, 7], true),
            ("tailscale0", [100, 101, 2, 3], true),
            ("docker0", [172, 17, 0, 1], true),
            ("eth0", [10, 0, 5, 20], true),
            ("Wi-Fi", [192, 168, 0, 12], true),
            ("이더넷 2", [169, 254, 10, 11], true),
        ]));
        assert_eq!(
            ips(&chosen),
            [
                "192.168.0.12",
                "10.0.5.20",
                "172.17.0.1",
                "100.101.2.3",
                "203.0.113.7"
            ]
        );
        assert_eq!(chosen[0].interface, "Wi-Fi");
    }

    #[test]
    fn interfaces_not_running_and_unreachable_addresses_are_left_out() {
        let chosen = choose(found(&[
            ("wlan0", [192, 168, 1, 5], false),
            ("any", [0, 0, 0, 0], true),
            ("zero", [0, 1, 2, 3], true),
            ("bcast", [255, 255, 255, 255], true),
            ("mcast", [224, 0, 0, 251], true),
            ("lo:1", [127, 8, 8, 8], true),
        ]));
        assert!(chosen.is_empty(), "{chosen:?}");
    }

    #[test]
    fn the_systems_order_stays_within_a_range_and_an_address_comes_once() {
        let chosen = choose(found(&[
            ("b", [192, 168, 10, 2], true),
            ("a", [192, 168, 0, 9], true),
            ("a-alias", [192, 168, 10, 2], true),
            ("c", [172, 31, 255, 1], true),
            ("d", [172, 32, 0, 1], true),
        ]));
        assert_eq!(
            ips(&chosen),
            ["192.168.10.2", "192.168.0.9", "172.31.255.1", "172.32.0.1"]
        );
        assert_eq!(chosen[0].interface, "b");
    }

    #[test]
    fn this_machine_lists_only_addresses_another_laptop_could_reach() {
        let addrs = lan_addresses().expect("the interface list");
        for a in &addrs {
            assert!(
                !a.ip.is_loopback() && !a.ip.is_link_local() && !a.ip.is_unspecified(),
                "{a:?}"
            );
        }
    }
}
