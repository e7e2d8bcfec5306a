import type { Lesson } from '../types';
import { mailServer, workstation } from './hosts';

const MYSQL_CF = `# /etc/postfix/mysql_virtual_mailbox_maps.cf
hosts = localhost
user = extmail
password = extmail
dbname = extmail
query = SELECT maildir FROM mailbox WHERE username='%s' AND active = '1'
`;

const MYSQL_DOMAINS_CF = `hosts = localhost
user = extmail
password = extmail
dbname = extmail
query = SELECT domain FROM domain WHERE domain='%s'
`;

export const VIRTUAL_LESSON: Lesson = {
  id: 'virtual',
  title: { en: 'Virtual users from a SQL table', 'zh-CN': '来自 SQL 表的虚拟用户' },
  summary: {
    en: 'The course\'s deployment keeps mail users in MySQL instead of /etc/passwd: Postfix (built with -DHAS_MYSQL) looks the domain and the mailbox up with mysql: tables, and the virtual agent writes into /var/mail/vhosts/DOMAIN/USER/.',
    'zh-CN': '课程中的部署把邮件用户存放在 MySQL 中而不是 /etc/passwd：Postfix（用 -DHAS_MYSQL 编译）用 mysql: 查找表查询域和邮箱，virtual 投递程序把邮件写入 /var/mail/vhosts/域名/用户/。',
  },
  scenario: {
    version: 2,
    title: 'Virtual users',
    seed: 41,
    hosts: [
      mailServer(
        {
          mynetworks_style: 'subnet',
          virtual_mailbox_base: '/var/mail/vhosts',
          virtual_mailbox_domains: 'mysql:/etc/postfix/mysql_virtual_domains_maps.cf',
          virtual_mailbox_maps: 'mysql:/etc/postfix/mysql_virtual_mailbox_maps.cf',
          virtual_uid_maps: 'static:5000',
          virtual_gid_maps: 'static:5000',
        },
        {
          ccargs: '-DHAS_MYSQL -I/usr/local/mysql/include -DUSE_SASL_AUTH -DUSE_CYRUS_SASL -I/usr/include/sasl -DUSE_TLS',
          maps: { '/etc/postfix/mysql_virtual_mailbox_maps.cf': MYSQL_CF, '/etc/postfix/mysql_virtual_domains_maps.cf': MYSQL_DOMAINS_CF },
          sql: {
            domain: { columns: ['domain', 'description'], rows: [['extmail.org', 'the course domain']] },
            mailbox: {
              columns: ['username', 'password', 'name', 'maildir', 'quota', 'domain', 'active'],
              rows: [
                ['postmaster@extmail.org', 'extmail', 'Postmaster', 'extmail.org/postmaster/', 0, 'extmail.org', '1'],
                ['tom@extmail.org', 'tomcat', 'Tom', 'extmail.org/tom/', 0, 'extmail.org', '1'],
              ],
            },
          },
        },
      ),
      workstation(),
    ],
  },
  steps: [
    {
      id: 'deliver',
      text: {
        en: 'Send a message to tom@extmail.org. Watch the SELECT that finds his Maildir, and the virtual agent writing into /var/mail/vhosts/extmail.org/tom/.',
        'zh-CN': '给 tom@extmail.org 发一封信。观察查找他的 Maildir 的 SELECT 语句，以及 virtual 投递程序写入 /var/mail/vhosts/extmail.org/tom/ 的过程。',
      },
      check: { kind: 'mailbox', host: 'mail.example.com', path: '/var/mail/vhosts/extmail.org/tom/', count: 1 },
      solution: [{ host: 'ws.example.com', action: 'send', server: 'mail.example.com', from: 'student@example.com', to: ['tom@extmail.org'], subject: 'Welcome', body: 'Your virtual mailbox works.' }],
    },
    {
      id: 'alias',
      text: {
        en: 'jerry@extmail.org has no mailbox, so it is refused. Add "jerry@extmail.org tom@extmail.org" to /etc/postfix/virtual, run postmap /etc/postfix/virtual, set virtual_alias_maps = hash:/etc/postfix/virtual with postconf -e, and postfix reload.',
        'zh-CN': 'jerry@extmail.org 没有邮箱，所以会被拒收。在 /etc/postfix/virtual 中加入“jerry@extmail.org tom@extmail.org”，运行 postmap /etc/postfix/virtual，用 postconf -e 设置 virtual_alias_maps = hash:/etc/postfix/virtual，然后 postfix reload。',
      },
      check: { kind: 'relay', host: 'mail.example.com', client: '192.168.1.23', recipient: 'jerry@extmail.org', expect: 'accept' },
      solution: [
        { host: 'mail.example.com', action: 'write', path: '/etc/postfix/virtual', text: 'jerry@extmail.org tom@extmail.org\n' },
        { host: 'mail.example.com', action: 'shell', command: 'postmap /etc/postfix/virtual' },
        { host: 'mail.example.com', action: 'shell', command: 'postconf -e virtual_alias_maps=hash:/etc/postfix/virtual' },
        { host: 'mail.example.com', action: 'shell', command: 'postfix reload' },
      ],
    },
  ],
};
