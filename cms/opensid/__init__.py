"""Data pushed by desa that still run OpenSID, through the protocol OpenSID
speaks to a kecamatan server (OpenDK): development projects and their
progress reports, aggregate population and aid figures, PDF reports and
identity proposals. The HTTP side is api/opensid/; the protocol's facts are
in docs/opensid-sync.md."""
