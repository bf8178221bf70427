# Generates transmitter-cases.txt: what fail2ban 1.1.1's Transmitter does with each command, given a server that
# accepts everything. Run with fail2ban 1.1.1 first on the path:
#   PYTHONPATH=<fail2ban-1.1.1 source> python3 gen-transmitter-cases.py > transmitter-cases.txt
# Each line: <hex of the pickled command> TAB ok|error TAB <exception class> TAB <str(exception)>
import pickle
import sys
from fail2ban.server.transmitter import Transmitter
from fail2ban import version


class Action(object):
    actionban = 'ban'
    port = 'ssh'

    def flush(self):
        return True


class Filter(object):
    def addAttempt(self, ip, *matches):
        return 1


class Db(object):
    filename = ':memory:'
    maxMatches = 10
    purgeage = 86400


class Server(object):
    """Accepts every call: only the transmitter's own checks can fail."""

    def getDatabase(self):
        return Db()

    def getAction(self, name, action):
        return Action()

    def getActions(self, name):
        return {'a': Action()}

    def setLogTarget(self, v):
        return True

    def setSyslogSocket(self, v):
        return True

    def addAttemptIP(self, name, *args):
        return Filter().addAttempt(*args)

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


CASES = [
    # server
    ['ping'], ['ping', '0.1'], ['ping', 0.1], ['version'], ['server-status'], ['flushlogs'], ['echo'],
    ['echo', 'a', 'b'], ['stop'], ['stop', '--all'], ['stop', 'sshd'], ['start', 'sshd'], ['start'],
    ['status'], ['status', 'sshd'], ['status', 'sshd', 'short'], ['status', '--all'], ['status', '--all', 'stats'],
    ['status', 'a', 'b', 'c'], ['stats'], ['statistic'], ['statistics'], ['sleep', '0'], ['sleep', 'x'],
    ['sleep'], ['unban'], ['unban', '--all'], ['unban', '1.2.3.4', '5.6.7.8'], ['unban', '--all', 'x'],
    ['banned'], ['banned', '1.2.3.4'], ['config-error', 'bad jail'], ['config-error'],
    ['add', 'j'], ['add', 'j', 'polling'], ['add', '--all'], ['add'],
    ['reload', '--all', [], [['add', 'j', 'auto'], ['start', 'j']]],
    ['reload', 'j', ['--restart', '--unban'], []], ['reload', '--all', []], ['reload'],
    ['server-stream', [['set', 'loglevel', 'INFO'], ['add', 'j']]], ['server-stream'],
    ['nosuch'], [], [5], ['PING'],
    # server settings
    ['set', 'loglevel', 'DEBUG'], ['set', 'loglevel'], ['set', 'logtarget', 'STDOUT'],
    ['set', 'syslogsocket', 'auto'], ['set', 'allowipv6', 'auto'], ['set', 'thread', {'stacksize': 0}],
    ['set', 'dbfile', ':memory:'], ['set', 'dbmaxmatches', '5'], ['set', 'dbmaxmatches', 'x'],
    ['set', 'dbmaxmatches', 5], ['set', 'dbpurgeage', '1d'], ['set'],
    ['get', 'loglevel'], ['get', 'logtarget'], ['get', 'syslogsocket'], ['get', 'thread'], ['get', 'dbfile'],
    ['get', 'dbmaxmatches'], ['get', 'dbpurgeage'], ['get'],
    # jail set
    ['set', 'j'], ['set', 'j', 'idle', 'on'], ['set', 'j', 'idle', 'off'], ['set', 'j', 'idle', 'yes'],
    ['set', 'j', 'idle'], ['set', 'j', 'ignoreself', 'true'], ['set', 'j', 'addignoreip', '1.2.3.4', '10.0.0.0/8'],
    ['set', 'j', 'addignoreip'], ['set', 'j', 'delignoreip', '1.2.3.4'], ['set', 'j', 'ignorecommand', ''],
    ['set', 'j', 'ignorecache', 'key="<ip>"'], ['set', 'j', 'addlogpath', '/x'], ['set', 'j', 'addlogpath', '/x', 'tail'],
    ['set', 'j', 'addlogpath', '/x', 'HEAD'], ['set', 'j', 'addlogpath', '/x', 'middle'],
    ['set', 'j', 'addlogpath', '/x', 'tail', 'extra'], ['set', 'j', 'addlogpath'], ['set', 'j', 'dellogpath', '/x'],
    ['set', 'j', 'logencoding', 'utf-8'], ['set', 'j', 'addjournalmatch', '_SYSTEMD_UNIT=sshd.service', '+', '_COMM=sshd'],
    ['set', 'j', 'deljournalmatch', '_COMM=sshd'], ['set', 'j', 'prefregex', '^x'], ['set', 'j', 'addfailregex', '^a <HOST>'],
    ['multi-set', 'j', 'addfailregex', ['^a <HOST>', '^b <HOST>']], ['set', 'j', 'delfailregex', '0'],
    ['set', 'j', 'delfailregex', 'first'], ['set', 'j', 'delfailregex', ' 1 '], ['set', 'j', 'delfailregex', 1.7],
    ['set', 'j', 'addignoreregex', '^i'], ['multi-set', 'j', 'addignoreregex', ['^i', '^k']],
    ['set', 'j', 'delignoreregex', '1'], ['set', 'j', 'usedns', 'no'], ['set', 'j', 'findtime', '10m'],
    ['set', 'j', 'findtime', 600], ['set', 'j', 'datepattern', '{^LN-BEG}'], ['set', 'j', 'logtimezone', 'UTC'],
    ['set', 'j', 'maxmatches', '5'], ['set', 'j', 'maxretry', '3'], ['set', 'j', 'maxretry', 3],
    ['set', 'j', 'maxretry', '3.5'], ['set', 'j', 'maxretry', '1_000'], ['set', 'j', 'maxretry', '-2'],
    ['set', 'j', 'maxretry', ''], ['set', 'j', 'maxlines', '2'], ['set', 'j', 'bantime', '-1'],
    ['set', 'j', 'bantime.increment', 'true'], ['set', 'j', 'bantime.factor', ''],
    ['set', 'j', 'attempt', '1.2.3.4'], ['set', 'j', 'attempt', '1.2.3.4', 'failure one', 'failure two'],
    ['set', 'j', 'attempt'], ['set', 'j', 'banip', '1.2.3.4', '5.6.7.8'], ['set', 'j', 'banip'],
    ['set', 'j', 'unbanip', '1.2.3.4'], ['set', 'j', 'unbanip', '--report-absent', '1.2.3.4'],
    ['set', 'j', 'unbanip'], ['set', 'j', 'unbanip', '--report-absent'],
    ['set', 'j', 'addaction', 'iptables'], ['set', 'j', 'addaction', 'smtp', '/etc/fail2ban/action.d/smtp.py', '{}'],
    ['set', 'j', 'addaction', 'smtp', '/etc/fail2ban/action.d/smtp.py'], ['set', 'j', 'delaction', 'iptables'],
    ['set', 'j', 'action', 'a', 'actionban', 'echo <ip>'], ['set', 'j', 'action', 'a', 'port', '22'],
    ['set', 'j', 'action', 'a', 'flush'], ['set', 'j', 'action', 'a', 'flush', '{}'], ['set', 'j', 'action', 'a'],
    ['multi-set', 'j', 'action', 'a', [['actionban', 'x'], ['port', '22'], ['flush']]],
    ['multi-set', 'j', 'action', 'a', []], ['multi-set', 'j', 'maxretry', '4'],
    ['set', 'j', 'nosuch', 'x'], ['set', 'j', 5, 'x'], ['set', 'j', 'addaction'],
    # jail get
    ['get', 'j'], ['get', 'j', 'banned'], ['get', 'j', 'banned', '1.2.3.4'], ['get', 'j', 'logpath'],
    ['get', 'j', 'logencoding'], ['get', 'j', 'journalmatch'], ['get', 'j', 'ignoreself'], ['get', 'j', 'ignoreip'],
    ['get', 'j', 'ignorecommand'], ['get', 'j', 'ignorecache'], ['get', 'j', 'prefregex'], ['get', 'j', 'failregex'],
    ['get', 'j', 'ignoreregex'], ['get', 'j', 'usedns'], ['get', 'j', 'findtime'], ['get', 'j', 'datepattern'],
    ['get', 'j', 'logtimezone'], ['get', 'j', 'maxmatches'], ['get', 'j', 'maxretry'], ['get', 'j', 'maxlines'],
    ['get', 'j', 'bantime'], ['get', 'j', 'banip'], ['get', 'j', 'banip', ','], ['get', 'j', 'banip', '--with-time'],
    ['get', 'j', 'bantime.increment'], ['get', 'j', 'actions'], ['get', 'j', 'action', 'a', 'actionban'],
    ['get', 'j', 'action', 'a'], ['get', 'j', 'actionproperties', 'a'], ['get', 'j', 'actionmethods', 'a'],
    ['get', 'j', 'actionproperties'], ['get', 'j', 'nosuch'], ['get', 'j', 'idle'],
]

for cmd in CASES:
    code, ret = Transmitter(Server()).proceed(cmd)
    if code == 0:
        print('%s\tok' % pickle.dumps(cmd, pickle.HIGHEST_PROTOCOL).hex())
    else:
        print('%s\terror\t%s\t%s' % (pickle.dumps(cmd, pickle.HIGHEST_PROTOCOL).hex(), type(ret).__name__, ret))
