"""The OpenSID push endpoints (/api/v1/), as OpenDK answers them."""
