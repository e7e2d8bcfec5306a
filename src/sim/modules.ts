/**
 * Loads the modules that plug services into hosts (name servers, Dovecot, the Postfix smtp
 * client and SASL). Importing this file once is enough for a World to run them.
 */
import './postfix/smtp/smtpModule';
import './dns/dnsModule';
import './dovecot/dovecotModule';
