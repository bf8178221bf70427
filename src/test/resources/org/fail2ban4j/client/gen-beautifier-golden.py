# Generates beautifier-golden.txt: the text fail2ban 1.1.1's Beautifier prints for each (command, reply).
# Run with fail2ban 1.1.1 first on the path:
#   PYTHONPATH=<fail2ban-1.1.1 source> python3 gen-beautifier-golden.py > beautifier-golden.txt
# Each line: name TAB utf8 (0/1) TAB ok|error TAB hex(pickle((command, reply))) TAB hex(utf-8 of str(output))
import logging
import pickle
from fail2ban.client.beautifier import Beautifier
from fail2ban.exceptions import UnknownJailException, DuplicateJailException

logging.getLogger('fail2ban').setLevel(logging.CRITICAL + 1)

JAIL_FILE = [
    ('Filter', [('Currently failed', 1), ('Total failed', 12),
                ('File list', ['/var/log/auth.log', '/var/log/secure'])]),
    ('Actions', [('Currently banned', 2), ('Total banned', 7), ('Banned IP list', ['192.0.2.1', '2001:db8::1'])]),
]
JAIL_JOURNAL = [
    ('Filter', [('Currently failed', 0), ('Total failed', 0),
                ('Journal matches', ['_SYSTEMD_UNIT=sshd.service', '+', '_COMM=sshd'])]),
    ('Actions', [('Currently banned', 0), ('Total banned', 0), ('Banned IP list', [])]),
]
JAIL_SHORT = [
    ('Filter', [('Currently failed', 0), ('Total failed', 3)]),
    ('Actions', [('Currently banned', 1), ('Total banned', 1)]),
]
JAIL_CYMRU = [
    ('Filter', [('Currently failed', 0), ('Total failed', 0), ('File list', [])]),
    ('Actions', [('Currently banned', 1), ('Total banned', 1), ('Banned IP list', ['192.0.2.1']),
                 ('Banned ASN list', ['64496']), ('Banned Country list', ['ZZ']), ('Banned RIR list', ['test'])]),
]
SERVER = [('Number of jail', 2), ('Jail list', 'apache-auth, sshd')]
STATS = {
    'apache-auth': ['polling', (0, 15), (3, 1234)],
    'sshd': ['systemd', (12, 3), (0, 7)],
    'a-very-long-jail-name': ['pyinotify', (123456, 1), (0, 99999999)],
}

CASES = [
    ('ping', ['ping'], 'pong'),
    ('ping-timeout', ['ping', '0.1'], 'pong'),
    ('ping-none', ['ping'], None),
    ('version', ['version'], '1.1.1'),
    ('start', ['start', 'sshd'], None),
    ('stop-server', ['stop'], None),
    ('stop-server-other', ['stop'], 'x'),
    ('stop-jail', ['stop', 'sshd'], None),
    ('add', ['add', 'sshd', 'auto'], 'sshd'),
    ('flushlogs', ['flushlogs'], 'rolled over'),
    ('echo', ['echo', 'a', 'b c'], ['a', 'b c']),
    ('echo-empty', ['echo'], []),
    ('server-status', ['server-status'], 'Server ready'),
    ('status', ['status'], SERVER),
    ('status-nojails', ['status'], [('Number of jail', 0), ('Jail list', '')]),
    ('status-jail', ['status', 'sshd'], JAIL_FILE),
    ('status-jail-journal', ['status', 'sshd', 'basic'], JAIL_JOURNAL),
    ('status-jail-short', ['status', 'sshd', 'short'], JAIL_SHORT),
    ('status-jail-cymru', ['status', 'sshd', 'cymru'], JAIL_CYMRU),
    ('status-all', ['status', '--all'], SERVER + [{'apache-auth': JAIL_JOURNAL, 'sshd': JAIL_FILE}]),
    ('status-all-one', ['status', '--all', 'short'], [('Number of jail', 1), ('Jail list', 'sshd'), {'sshd': JAIL_SHORT}]),
    ('status-all-none', ['status', '--all'], [('Number of jail', 0), ('Jail list', ''), {}]),
    ('status-all-stats', ['status', '--all', 'stats'], STATS),
    ('stats', ['stats'], STATS),
    ('statistics', ['statistics'], {'sshd': ['polling', (0, 0), (0, 0)]}),
    ('statistic', ['statistic'], {'sshd': ['polling', (0, 0), (0, 0)]}),
    ('stats-empty', ['stats'], {}),
    ('stats-none', ['stats'], None),
    ('banned', ['banned'], [{'sshd': ['192.0.2.1']}, {'apache-auth': []}]),
    ('banned-ips', ['banned', '192.0.2.1', '192.0.2.9'], [['sshd'], []]),
    ('unban', ['unban', '192.0.2.1'], 1),
    ('get-loglevel', ['get', 'loglevel'], 'INFO'),
    ('get-loglevel-int', ['get', 'loglevel'], 25),
    ('get-loglevel-int2', ['get', 'loglevel'], 33),
    ('get-loglevel-int3', ['get', 'loglevel'], 7),
    ('get-loglevel-int4', ['get', 'loglevel'], 60),
    ('set-loglevel', ['set', 'loglevel', 'DEBUG'], 'DEBUG'),
    ('get-logtarget', ['get', 'logtarget'], '/var/log/fail2ban.log'),
    ('get-syslogsocket', ['get', 'syslogsocket'], 'auto'),
    ('get-dbfile', ['get', 'dbfile'], '/var/lib/fail2ban/fail2ban.sqlite3'),
    ('get-dbfile-none', ['get', 'dbfile'], None),
    ('get-dbpurgeage', ['get', 'dbpurgeage'], 86400),
    ('get-dbpurgeage-float', ['get', 'dbpurgeage'], 86400.7),
    ('get-dbpurgeage-none', ['get', 'dbpurgeage'], None),
    ('get-dbpurgeage-str', ['get', 'dbpurgeage'], '1d'),
    ('get-dbmaxmatches', ['get', 'dbmaxmatches'], 10),
    ('get-thread', ['get', 'thread'], {'stacksize': 0}),
    ('get-logpath', ['get', 'sshd', 'logpath'], ['/var/log/auth.log', '/var/log/secure']),
    ('get-logpath-one', ['get', 'sshd', 'logpath'], ['/var/log/auth.log']),
    ('get-logpath-none', ['get', 'sshd', 'logpath'], []),
    ('addlogpath', ['set', 'sshd', 'addlogpath', '/x', 'tail'], ['/x']),
    ('get-logencoding', ['get', 'sshd', 'logencoding'], 'UTF-8'),
    ('get-journalmatch', ['get', 'sshd', 'journalmatch'],
     [['_SYSTEMD_UNIT=sshd.service', '+', '_COMM=sshd'], ['_COMM=sshd-session']]),
    ('get-journalmatch-none', ['get', 'sshd', 'journalmatch'], []),
    ('get-datepattern', ['get', 'sshd', 'datepattern'], ('{^LN-BEG}', '{^LN-BEG}Default Detectors')),
    ('get-datepattern-nonename', ['get', 'sshd', 'datepattern'], (None, 'Default Detectors')),
    ('get-datepattern-none', ['get', 'sshd', 'datepattern'], None),
    ('get-datepattern-list', ['get', 'sshd', 'datepattern'], ['a', 'b']),
    ('get-ignoreip', ['get', 'sshd', 'ignoreip'], ['127.0.0.1/8', '::1']),
    ('get-ignoreip-none', ['get', 'sshd', 'ignoreip'], []),
    ('addignoreip', ['set', 'sshd', 'addignoreip', '10.0.0.1'], ['10.0.0.1']),
    ('get-failregex', ['get', 'sshd', 'failregex'], ['^a <HOST>$', '^b <HOST>$', '^c']),
    ('get-failregex-none', ['get', 'sshd', 'failregex'], []),
    ('delignoreregex', ['set', 'sshd', 'delignoreregex', '0'], ['^i']),
    ('get-actions', ['get', 'sshd', 'actions'], ['iptables', 'sendmail']),
    ('get-actions-none', ['get', 'sshd', 'actions'], []),
    ('get-actionproperties', ['get', 'sshd', 'actionproperties', 'iptables'], ['actionban', 'port']),
    ('get-actionproperties-none', ['get', 'sshd', 'actionproperties', 'iptables'], []),
    ('get-actionmethods', ['get', 'sshd', 'actionmethods', 'iptables'], ['ban', 'flush']),
    ('get-actionmethods-none', ['get', 'sshd', 'actionmethods', 'iptables'], []),
    ('get-banip', ['get', 'sshd', 'banip'], ['192.0.2.1', '192.0.2.2']),
    ('get-banip-sep', ['get', 'sshd', 'banip', ','], ['192.0.2.1', '192.0.2.2']),
    ('get-banip-with-time', ['get', 'sshd', 'banip', '--with-time'],
     ['192.0.2.1 \t2024-01-01 10:00:00 + 600 = 2024-01-01 10:10:00',
      '192.0.2.2 \t2024-01-01 10:01:00 + 600 = 2024-01-01 10:11:00']),
    ('get-banip-empty', ['get', 'sshd', 'banip'], []),
    ('set-banip', ['set', 'sshd', 'banip', '192.0.2.1'], 1),
    ('get-banned', ['get', 'sshd', 'banned'], ['192.0.2.1']),
    ('get-banned-one', ['get', 'sshd', 'banned', '192.0.2.1'], 1),
    ('get-maxretry', ['get', 'sshd', 'maxretry'], 5),
    ('get-bantime', ['get', 'sshd', 'bantime'], 600),
    ('get-findtime-float', ['get', 'sshd', 'findtime'], 600.0),
    ('get-ignoreself', ['get', 'sshd', 'ignoreself'], True),
    ('get-logtimezone', ['get', 'sshd', 'logtimezone'], None),
    ('get-usedns', ['get', 'sshd', 'usedns'], 'warn'),
    ('get-action-prop', ['get', 'sshd', 'action', 'iptables', 'port'], 'ssh'),
    ('multi-set', ['multi-set', 'sshd', 'addfailregex', ['^a']], True),
    ('get-unicode', ['get', 'sshd', 'logpath'], ['/var/log/\u00e9\u2603.log']),
    ('get-ignorecache', ['get', 'sshd', 'ignorecache'], {'key': '<ip>', 'max-count': 100}),
]

ERRORS = [
    ('err-unknown-jail', ['status', 'nosuch'], UnknownJailException('nosuch')),
    ('err-duplicate-jail', ['add', 'sshd'], DuplicateJailException('sshd')),
    ('err-index', ['set', 'sshd'], IndexError('list index out of range')),
    ('err-invalid', ['nosuch'], Exception('Invalid command')),
    ('err-value', ['set', 'sshd', 'maxretry', 'x'], ValueError("invalid literal for int() with base 10: 'x'")),
    ('err-key', ['get', 'sshd', 'x'], KeyError('x')),
    ('err-noargs', ['x'], Exception()),
    ('err-twoargs', ['x'], Exception('a', 1)),
]

for name, cmd, reply in CASES:
    for utf8 in (0, 1):
        if utf8 and cmd[0] not in ('stats', 'statistics', 'status'):
            continue
        Beautifier.encUtf = utf8
        out = str(Beautifier(cmd).beautify(reply))
        print('\t'.join((name, str(utf8), 'ok', pickle.dumps((cmd, reply), 2).hex(), out.encode('utf-8').hex())))

for name, cmd, err in ERRORS:
    out = str(Beautifier(cmd).beautifyError(err))
    print('\t'.join((name, '0', 'error', pickle.dumps((cmd, err), 2).hex(), out.encode('utf-8').hex())))
