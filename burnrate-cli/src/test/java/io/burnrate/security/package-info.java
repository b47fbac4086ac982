/**
 * Security tests: SASL/SCRAM over TLS on the embedded broker, the registry over HTTPS with basic
 * auth, and the search for known secrets in every output. Test certificates are made at test time.
 */
package io.burnrate.security;
