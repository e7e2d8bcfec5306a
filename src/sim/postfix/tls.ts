/**
 * TLS in the simulator is a state of the connection, not cryptography. What stays of it is what
 * a user sees: the session parameters Postfix logs for a TLS 1.3 connection with a self-signed
 * (snakeoil) certificate.
 */
export const TLS_SESSION =
  'TLSv1.3 with cipher TLS_AES_256_GCM_SHA384 (256/256 bits) key-exchange X25519 server-signature RSA-PSS (2048 bits) server-digest SHA256';
