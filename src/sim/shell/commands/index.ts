/**
 * Loads every shell command. Each file registers its commands with the registry.
 */
import './basic';
import './dns';
import './postconf';
import './postfixCommand';
import './systemctl';
import './tableCommands';
import './queueCommands';
import './postcat';
import './sendmail';
import './mailx';
import './telnet';
import './fileCommands';
import './grep';
import './ls';
import './netCommands';
import './systemCommands';
