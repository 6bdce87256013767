"""The client address the sign-in limits count against (django-axes and
django-ratelimit both ask this module)."""

import ipaddress

from django.conf import settings

# An IPv6 subscriber usually gets a whole /64: counting single addresses would
# let one client rotate through them.
IPV6_PREFIX = 64


def client_address(request) -> str:
    """REMOTE_ADDR, or with SIGNIN_NUM_PROXIES proxies in front, the address
    the outermost of them saw: that many entries from the right of
    X-Forwarded-For (each proxy appends its peer), as Django REST framework's
    NUM_PROXIES. Entries further left are whatever the client sent, so they
    are never read. IPv6 addresses count as their /64 network."""
    address = request.META.get("REMOTE_ADDR", "")
    proxies = settings.SIGNIN_NUM_PROXIES
    forwarded = [
        entry.strip()
        for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if entry.strip()
    ]
    if proxies and forwarded:
        address = forwarded[-min(proxies, len(forwarded))]
    return normalise(address) or normalise(request.META.get("REMOTE_ADDR", ""))


def normalise(value: str) -> str:
    """The address as text, an IPv6 one as its /64 network; empty when the
    value is no address (the limits then count REMOTE_ADDR instead)."""
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return ""
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        network = ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False)
        return str(network.network_address)
    return str(address)
