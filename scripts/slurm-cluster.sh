#!/usr/bin/env bash
# A one-node SLURM cluster on this machine, from Debian's packages, to try and test
# navsim's SLURM path (`navsim -m hydra/launcher=slurm ...`) without a real cluster.
#
#   scripts/slurm-cluster.sh start    install what is missing, configure, start, wait for the node
#   scripts/slurm-cluster.sh status   the daemons and `sinfo`; exit 0 if the node is up
#   scripts/slurm-cluster.sh stop     cancel the cluster's jobs, stop what `start` started
#
# Needs root (re-runs itself with sudo) and Debian or Ubuntu (apt-get). What it sets up:
#   - packages slurm-wlm (slurmctld, slurmd, client commands), munge, slurmdbd and
#     mariadb-server, installed only if missing;
#   - munged (authentication) with Debian's key, /etc/munge/munge.key (created if absent);
#   - MariaDB and slurmdbd: job accounting, so that `sacct` reports each array task's
#     state, as on a university cluster (submitit, behind Hydra's launcher, asks sacct
#     whether a task that wrote no result was cancelled or is still running);
#   - slurmctld and slurmd as root, one node named `hostname -s` at 127.0.0.1 with the
#     CPUs and memory `slurmd -C` reports, one partition `navsim` (the default). Cores
#     and memory are the consumable resources; no cgroups (proctrack/linuxproc,
#     task/none), so it also runs in a container.
# /etc/slurm/slurm.conf and /etc/slurm/slurmdbd.conf are written with a marker line; a
# file without it (a real cluster's configuration) is never overwritten. A daemon that
# already runs is used as it is (slurmctld rereads the configuration) and `stop` leaves
# it running.
# Logs: /var/log/slurm/. Environment: NAVSIM_SLURM_TIMEOUT (seconds to wait for each
# daemon and for the node, default 120).
set -euo pipefail

if [[ $(id -u) -ne 0 ]]; then
    exec sudo --preserve-env=NAVSIM_SLURM_TIMEOUT "$0" "$@"
fi

MARKER="# written by navsim scripts/slurm-cluster.sh"
CLUSTER=navsim
PARTITION=navsim
CONF=/etc/slurm/slurm.conf
DBD_CONF=/etc/slurm/slurmdbd.conf
RUN=/run/navsim-slurm            # pid files, and the list of daemons `start` started
LOG=/var/log/slurm
TIMEOUT=${NAVSIM_SLURM_TIMEOUT:-120}
PACKAGES=(slurm-wlm munge slurmdbd mariadb-server)
HOST=$(hostname -s)

say() { echo "slurm-cluster: $*"; }
die() {
    echo "slurm-cluster: error: $*" >&2
    exit 1
}

# wait_for SECONDS COMMAND...: run COMMAND every half second until it succeeds; 1 if it never does.
wait_for() {
    local deadline=$((SECONDS + $1))
    shift
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

# fail_with_log DESCRIPTION LOGFILE: stop with the end of a daemon's log.
fail_with_log() {
    echo "slurm-cluster: error: $1 (within ${TIMEOUT} s); end of $2:" >&2
    tail -n 30 "$2" >&2 2>/dev/null || true
    exit 1
}

install_packages() {
    local missing=() pkg
    for pkg in "${PACKAGES[@]}"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
            || missing+=("$pkg")
    done
    if ((${#missing[@]})); then
        command -v apt-get >/dev/null || die "apt-get not found: install ${missing[*]} by hand"
        say "installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
    fi
}

# write_ours PATH MODE: write stdin to PATH unless PATH exists without the marker.
write_ours() {
    local path=$1 mode=$2
    if [[ -e $path ]] && ! grep -qF "$MARKER" "$path"; then
        die "$path exists and was not written by this script (a real cluster's?): not touching it"
    fi
    install -D -m "$mode" /dev/stdin "$path"
}

write_configs() {
    local node
    # e.g. "NodeName=vm CPUs=2 Boards=1 SocketsPerBoard=1 CoresPerSocket=2 ThreadsPerCore=1 RealMemory=24105"
    node=$(slurmd -C | head -n 1)
    [[ $node == NodeName=* ]] || die "slurmd -C did not describe this node: $node"
    node="NodeName=$HOST NodeAddr=127.0.0.1 ${node#NodeName=* } State=UNKNOWN"
    write_ours "$CONF" 644 <<EOF
$MARKER: a one-node test cluster
ClusterName=$CLUSTER
SlurmctldHost=$HOST(127.0.0.1)
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/lib/slurm/slurmctld
SlurmdSpoolDir=/var/lib/slurm/slurmd
SlurmctldPidFile=$RUN/slurmctld.pid
SlurmdPidFile=$RUN/slurmd.pid
SlurmctldLogFile=$LOG/slurmctld.log
SlurmdLogFile=$LOG/slurmd.log
# no cgroups: works in containers
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/linux
AccountingStorageType=accounting_storage/slurmdbd
AccountingStorageHost=127.0.0.1
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
DefMemPerCPU=1024
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
# a cancelled task gets 2 s between SIGTERM and SIGKILL (Slurm's default: 30 s)
KillWait=2
$node
PartitionName=$PARTITION Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
EOF
    local password
    if [[ -f $DBD_CONF ]] && grep -qF "$MARKER" "$DBD_CONF"; then
        password=$(sed -n 's/^StoragePass=//p' "$DBD_CONF")
    fi
    password=${password:-$(head -c 18 /dev/urandom | base64 | tr -d '/+=')}
    write_ours "$DBD_CONF" 600 <<EOF
$MARKER: accounting of the one-node test cluster
AuthType=auth/munge
DbdHost=localhost
DbdAddr=127.0.0.1
SlurmUser=root
PidFile=$RUN/slurmdbd.pid
LogFile=$LOG/slurmdbd.log
StorageType=accounting_storage/mysql
StorageHost=localhost
StorageLoc=slurm_acct_db
StorageUser=slurm
StoragePass=$password
EOF
}

# started NAME: remember that `start` started daemon NAME (so `stop` stops it).
started() { echo "$1" >>"$RUN/started"; }

munge_works() { munge -n </dev/null | unmunge >/dev/null; }

start_munge() {
    if munge_works 2>/dev/null; then
        say "munged already runs"
        return
    fi
    [[ -s /etc/munge/munge.key ]] || mungekey --create --keyfile=/etc/munge/munge.key
    chown munge:munge /etc/munge/munge.key
    chmod 400 /etc/munge/munge.key
    install -d -o munge -g munge -m 0755 /run/munge
    runuser -u munge -- munged --pid-file=/run/munge/munged.pid
    started munged
    wait_for "$TIMEOUT" munge_works || fail_with_log "munged did not start" \
        /var/log/munge/munged.log
    say "munged started"
}

mariadb_works() { mariadb-admin ping; }

start_mariadb() {
    if mariadb_works >/dev/null 2>&1; then
        say "MariaDB already runs"
    else
        [[ -d /var/lib/mysql/mysql ]] || mariadb-install-db --user=mysql >/dev/null
        install -d -o mysql -g mysql -m 0755 /run/mysqld
        install -d -m 0755 "$LOG"
        setsid mariadbd --user=mysql --skip-networking --pid-file=/run/mysqld/mysqld.pid \
            --socket=/run/mysqld/mysqld.sock </dev/null >>"$LOG/mariadb.log" 2>&1 &
        started mariadb
        wait_for "$TIMEOUT" mariadb_works || fail_with_log "MariaDB did not start" \
            "$LOG/mariadb.log"
        say "MariaDB started"
    fi
    local password
    password=$(sed -n 's/^StoragePass=//p' "$DBD_CONF")
    mariadb -e "CREATE DATABASE IF NOT EXISTS slurm_acct_db;
        CREATE USER IF NOT EXISTS 'slurm'@'localhost' IDENTIFIED BY '$password';
        ALTER USER 'slurm'@'localhost' IDENTIFIED BY '$password';
        GRANT ALL ON slurm_acct_db.* TO 'slurm'@'localhost';"
}

# pid_alive NAME: the daemon whose pid file is $RUN/NAME.pid runs.
pid_alive() { [[ -s $RUN/$1.pid ]] && kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null; }

dbd_works() { sacctmgr -n list cluster format=cluster; }
ctld_works() { scontrol ping | grep -q "is UP"; }
slurmd_runs() { pid_alive slurmd || pgrep -x slurmd; }
node_state() { sinfo -h -N -n "$HOST" -o %T 2>/dev/null; }
node_idle() { [[ $(node_state) == idle ]]; }

# start_slurm_daemon NAME READY-COMMAND...: start slurmdbd, slurmctld or slurmd unless
# READY-COMMAND says it already runs; then wait until READY-COMMAND succeeds.
start_slurm_daemon() {
    local name=$1
    shift
    if "$@" >/dev/null 2>&1; then
        say "$name already runs"
        [[ $name != slurmctld ]] || scontrol reconfigure # reads the configuration written now
        return
    fi
    "$name" </dev/null >>"$LOG/$name.log" 2>&1
    started "$name"
    wait_for "$TIMEOUT" "$@" || fail_with_log "$name did not start" "$LOG/$name.log"
    say "$name started"
}

start() {
    install_packages
    install -d -m 0755 "$RUN" "$LOG" /var/lib/slurm/slurmctld /var/lib/slurm/slurmd
    write_configs
    start_munge
    start_mariadb
    start_slurm_daemon slurmdbd dbd_works
    if ! sacctmgr -n -P list cluster format=cluster | grep -qx "$CLUSTER"; then
        sacctmgr -i add cluster "$CLUSTER" >/dev/null
    fi
    start_slurm_daemon slurmctld ctld_works
    start_slurm_daemon slurmd slurmd_runs
    if ! wait_for "$TIMEOUT" node_idle; then
        echo "slurm-cluster: error: node $HOST is not idle after ${TIMEOUT} s" \
            "(state: $(node_state || echo unknown))" >&2
        tail -n 20 "$LOG/slurmctld.log" "$LOG/slurmd.log" >&2 || true
        exit 1
    fi
    say "node $HOST idle in partition $PARTITION ($(sinfo -h -N -n "$HOST" -o '%c CPUs, %m MB'))"
}

# stop_pid NAME PIDFILE: TERM, wait, then KILL.
stop_pid() {
    local name=$1 pidfile=$2 pid
    [[ -s $pidfile ]] || return 0
    pid=$(cat "$pidfile")
    kill -0 "$pid" 2>/dev/null || return 0
    kill "$pid"
    if ! wait_for 30 bash -c "! kill -0 $pid"; then
        say "$name ($pid) did not stop on SIGTERM: SIGKILL"
        kill -9 "$pid" 2>/dev/null || true
    fi
    say "$name stopped"
}

stop() {
    if [[ ! -s $RUN/started ]]; then
        say "nothing to stop (no daemon started by this script runs)"
        return
    fi
    if ctld_works 2>/dev/null; then
        local jobs
        jobs=$(squeue -h -o %i 2>/dev/null || true)
        if [[ -n $jobs ]]; then
            say "cancelling the cluster's jobs: $(echo $jobs)"
            # shellcheck disable=SC2086
            scancel $jobs || true
            wait_for 60 bash -c '[[ -z $(squeue -h -o %i) ]]' \
                || say "some jobs did not end: $(squeue -h -o %i | tr '\n' ' ')"
        fi
    fi
    local name
    for name in slurmd slurmctld slurmdbd mariadb munged; do
        grep -qx "$name" "$RUN/started" || continue
        case $name in
            mariadb) stop_pid MariaDB /run/mysqld/mysqld.pid ;;
            munged) stop_pid munged /run/munge/munged.pid ;;
            *) stop_pid "$name" "$RUN/$name.pid" ;;
        esac
    done
    rm -f "$RUN/started"
}

status() {
    local check up=0
    for check in munged:munge_works MariaDB:mariadb_works slurmdbd:dbd_works \
        slurmctld:ctld_works slurmd:slurmd_runs; do
        if "${check#*:}" >/dev/null 2>&1; then
            say "${check%%:*} runs"
        else
            say "${check%%:*} does not run"
        fi
    done
    if command -v sinfo >/dev/null && ctld_works 2>/dev/null; then
        sinfo
        [[ $(node_state) =~ ^(idle|mixed|allocated)$ ]] && up=1
    fi
    ((up)) || die "the node is not up"
}

case ${1:-} in
    start) start ;;
    stop) stop ;;
    status) status ;;
    *)
        echo "usage: $0 start|stop|status" >&2
        exit 2
        ;;
esac
