// Demo-only TLS material for the embedded demo mesh, which listens on 127.0.0.1 only.
// These keys are public by design (committed to the repository): they protect nothing and
// must never be used outside the loopback demo. Generated once with openssl (EC P-256, ~30 years):
// a CA, and a server certificate with SAN IP:127.0.0.1 and DNS:localhost signed by it.
// Shipping them (rather than generating at start) keeps the demo free of crypto dependencies.

export const demoCaCert = `-----BEGIN CERTIFICATE-----
MIIBmzCCAUGgAwIBAgIUEBFTVsk+atz1e5TCD7UsyoVED04wCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPbWVzaHRvcC1kZW1vLWNhMCAXDTI2MTEyMTE3MDA1OFoYDzIw
NTYxMTIwMTcwMDU4WjAaMRgwFgYDVQQDDA9tZXNodG9wLWRlbW8tY2EwWTATBgcq
hkjOPQIBBggqhkjOPQMBBwNCAAT1OFGeFVcq83wvK2rDsBc890deOE5NvHOY/VUH
k6c1eGrfmxwD71kFmspyGGhirlO5wDNj1iUJvHQINDTR8d+do2MwYTAdBgNVHQ4E
FgQUqW31mcOn5yVm0qZ/ZEFoyLOK9/gwHwYDVR0jBBgwFoAUqW31mcOn5yVm0qZ/
ZEFoyLOK9/gwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8BAf8EBAMCAQYwCgYIKoZI
zj0EAwIDSAAwRQIhANI62COPpn0Gy2i6lEUzqUU0XPjvuYC2MRC/pYLLQLogAiBS
anWXfpAH/R7zUCFVM8DRJ4Hy4hWwZz0sIH5fkY7AtA==
-----END CERTIFICATE-----
`;

export const demoServerCert = `-----BEGIN CERTIFICATE-----
MIIB0zCCAXigAwIBAgIUJazcAoh+gaKpkz+3+lfu5EW5skEwCgYIKoZIzj0EAwIw
GjEYMBYGA1UEAwwPbWVzaHRvcC1kZW1vLWNhMCAXDTI2MTEyMTE3MDA1OFoYDzIw
NTYxMTEzMTcwMDU4WjAhMR8wHQYDVQQDDBZtZXNodG9wLWRlbW8tYXBpc2VydmVy
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE1Eag3qdxuEoF8HQvxPe6Nlm0msJG
HNhgzS3ivuuskUFwjRcSQouflTXHJ+qdHtA+uerQCnnmsPokt1hDaKb4T6OBkjCB
jzAaBgNVHREEEzARhwR/AAABgglsb2NhbGhvc3QwDAYDVR0TAQH/BAIwADAOBgNV
HQ8BAf8EBAMCBaAwEwYDVR0lBAwwCgYIKwYBBQUHAwEwHQYDVR0OBBYEFMpRBVaV
T4VRVDZDEslOgGG9uztgMB8GA1UdIwQYMBaAFKlt9ZnDp+clZtKmf2RBaMizivf4
MAoGCCqGSM49BAMCA0kAMEYCIQCHW6kWxnO3yD76TPLaoSnC7OPNtSsW57dh6G5C
N95powIhAPwC1UFB2UFpRxm4fX4Mhevq+OkI43kVkkpgM6bxsoBV
-----END CERTIFICATE-----
`;

export const demoServerKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgiCJg89NaQUEWLePU
TYZmDKKsbzTWab22Y1k+sQcBpj+hRANCAATURqDep3G4SgXwdC/E97o2WbSawkYc
2GDNLeK+66yRQXCNFxJCi5+VNccn6p0e0D656tAKeeaw+iS3WENopvhP
-----END PRIVATE KEY-----
`;
