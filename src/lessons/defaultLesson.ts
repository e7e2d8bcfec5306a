/**
 * The lesson the app opens with: a workstation in the classroom LAN sends the course's telnet
 * message to an alias on mail.example.com, which relays for its own subnet and delivers to two
 * local mailboxes.
 */
import type { Scenario } from '../sim/scenario/schema';

export const DEFAULT_LESSON: Scenario = {
  version: 2,
  title: 'Local delivery over telnet',
  seed: 2017,
  start: '2024-04-13T07:38:00Z',
  networks: [{ name: 'classroom', cidr: '192.168.1.0/24' }],
  hosts: [
    {
      name: 'ws.example.com',
      addresses: ['192.168.1.23/24'],
      kind: 'workstation',
      accounts: ['student'],
      resolv_conf: 'nameserver 192.168.1.1\n',
      hosts_file: '192.168.1.1\tmail.example.com mail\n',
    },
    {
      name: 'mail.example.com',
      addresses: ['192.168.1.1/24'],
      kind: 'server',
      accounts: ['ansible', 'alice'],
      resolv_conf: 'nameserver 127.0.0.1\n',
      main_cf: {
        alias_database: 'hash:/etc/aliases',
        alias_maps: 'hash:/etc/aliases',
        compatibility_level: '3.6',
        inet_interfaces: 'all',
        inet_protocols: 'ipv4',
        mail_spool_directory: '/var/spool/mail',
        mydestination: '$myhostname, localhost.$mydomain, localhost, $mydomain',
        mydomain: 'example.com',
        myhostname: 'mail.example.com',
        mynetworks_style: 'subnet',
      },
      aliases: 'postmaster: root\nstaff: ansible, alice\n',
      dns: {
        zones: [
          {
            origin: 'example.com',
            ttl: 3600,
            records: [
              { name: '@', type: 'SOA', value: 'mail.example.com. root.example.com. 2024041301 3600 900 604800 300' },
              { name: '@', type: 'NS', value: 'mail.example.com.' },
              { name: '@', type: 'MX', value: '10 mail.example.com.' },
              { name: '@', type: 'TXT', value: '"v=spf1 mx -all"' },
              { name: 'mail', type: 'A', value: '192.168.1.1' },
              { name: 'mail', type: 'AAAA', value: '2001:db8::25' },
              { name: 'ws', type: 'A', value: '192.168.1.23' },
              { name: 'a', type: 'TXT', value: '"3213124123123"' },
            ],
          },
          {
            origin: '1.168.192.in-addr.arpa',
            ttl: 3600,
            records: [
              { name: '@', type: 'SOA', value: 'mail.example.com. root.example.com. 2024041301 3600 900 604800 300' },
              { name: '@', type: 'NS', value: 'mail.example.com.' },
              { name: '1', type: 'PTR', value: 'mail.example.com.' },
              { name: '23', type: 'PTR', value: 'ws.example.com.' },
            ],
          },
        ],
      },
    },
  ],
  script: [
    {
      at: 1000,
      host: 'ws.example.com',
      action: 'dialogue',
      label: 'telnet mail.example.com 25',
      to: 'mail.example.com',
      port: 25,
      lines: [
        'helo ws.example.com',
        'mail from:obama@whitehouse.com',
        'rcpt to:staff@example.com',
        'data',
        'Subject: How are you these days?',
        '',
        'Are you fine?',
        '.',
        'quit',
      ],
    },
  ],
};
