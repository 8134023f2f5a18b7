#!/usr/bin/env bash
# `sgs batch --slurm` on a real single-node Slurm: installs Debian's slurm-wlm and munge
# when missing (as root), configures them for this machine in a temporary folder (own
# ports, own munge socket and key), starts munged, slurmctld and slurmd, and stops and
# removes them at the end. An array of three tiny trainings runs; task 1 gets SIGTERM
# mid-training (as at a time limit or a preemption), checkpoints, is requeued, and
# finishes from its checkpoint with as many trained scales as the uninterrupted tasks,
# and (b being a's image again) with the same model and score as the uninterrupted a.
source "$(dirname "$0")/batch-fixture.sh"

if [ "$(id -u)" -ne 0 ]; then
    echo "test-slurm: skipped: setting up a Slurm node needs root" >&2
    rm -rf "$WORK"
    exit 0
fi
if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
    packages="slurm-wlm munge"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null \
        || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null; }
fi

SLURM="$WORK/slurm"
mkdir -p "$SLURM/state" "$SLURM/spool" "$SLURM/munge"
export SLURM_CONF="$SLURM/slurm.conf"
stop_slurm() {
    scancel --quiet --full --signal=KILL --partition=sgsci 2>/dev/null || true
    for pidfile in "$SLURM/slurmd.pid" "$SLURM/slurmctld.pid" "$SLURM/munge/munged.pid"; do
        [ -s "$pidfile" ] && kill "$(cat "$pidfile")" 2>/dev/null || true
    done
    sleep 1
    rm -rf "$WORK"
}
trap stop_slurm EXIT

node="$(hostname -s)"
cat > "$SLURM_CONF" <<CONF
ClusterName=sgsci
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SLURM/munge/munge.socket
CredType=cred/munge
StateSaveLocation=$SLURM/state
SlurmdSpoolDir=$SLURM/spool
SlurmctldPidFile=$SLURM/slurmctld.pid
SlurmdPidFile=$SLURM/slurmd.pid
SlurmctldLogFile=$SLURM/slurmctld.log
SlurmdLogFile=$SLURM/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
JobRequeue=1
KillWait=60
NodeName=$node NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN
PartitionName=sgsci Nodes=$node Default=YES MaxTime=INFINITE State=UP
CONF
dd if=/dev/urandom of="$SLURM/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$SLURM/munge/munge.key"
munged --force --socket="$SLURM/munge/munge.socket" --key-file="$SLURM/munge/munge.key" \
    --pid-file="$SLURM/munge/munged.pid" --log-file="$SLURM/munge/munged.log" --seed-file="$SLURM/munge/seed"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 60); do
    sinfo -h -o %T 2>/dev/null | grep -q idle && break
    sleep 1
done
sinfo -h -o %T | grep -q idle || { tail "$SLURM"/*.log; fail "the Slurm node did not come up"; }
pass "single-node Slurm up on $node"

make_inputs 60
cp "$WORK/b.png" "$WORK/c.png"
cp "$WORK/a.png" "$WORK/b.png"   # b: a's image again, the task that gets stopped
cd "$WORK"
"$SGS" batch tiny.sgs a.png b.png c.png --out runs --slurm --time 10 --cpus 1 --dry-run > dry.txt
grep -q -- "--array=0-2" dry.txt && grep -q -- "--requeue" dry.txt && grep -q -- "--signal=B:TERM@60" dry.txt \
    || { cat dry.txt; fail "the job script lacks the array, --requeue or the signal lead time"; }
"$SGS" batch tiny.sgs a.png b.png c.png --out runs --slurm --time 10 --cpus 1 | tee submit.txt
job=$(sed -n 's/^Submitted batch job \([0-9]*\).*/\1/p' submit.txt)
[ -n "$job" ] || fail "sbatch did not submit"

# Task 1 (b): SIGTERM to its batch shell once its first scale is checkpointed.
for _ in $(seq 600); do [ -e runs/b/model.sgm ] && break; sleep 0.1; done
[ -e runs/b/model.sgm ] || fail "task 1 never checkpointed"
scancel --signal=TERM --batch "${job}_1"
pass "SIGTERM sent to task ${job}_1 after its first scale"

# A requeued job waits (BeginTime) before it may start again: let it start now.
for _ in $(seq 300); do
    [ "$(status_of runs a)$(status_of runs b)$(status_of runs c)" = donedonedone ] && break
    if squeue -h -j "${job}_1" -o %r 2>/dev/null | grep -q BeginTime; then
        scontrol update JobId="${job}_1" StartTime=now
    fi
    sleep 1
done
"$SGS" batch --status runs || { tail -n 30 runs/*/log.txt runs/slurm-*.out; fail "the array did not finish"; }
[ "$(attempts_of runs b)" -eq 2 ] || fail "task 1 ran $(attempts_of runs b) times, expected 2 (stopped, requeued)"
grep -q "interrupted at scale" runs/b/log.txt || fail "task 1 was not interrupted mid-training"
grep -q "resuming from $WORK/runs/b/model.sgm" runs/b/log.txt || fail "task 1 did not resume from its checkpoint"
[ "$(trained runs/b/model.sgm)" = "$(trained runs/a/model.sgm)" ] \
    || fail "the resumed model has $(trained runs/b/model.sgm), the uninterrupted one $(trained runs/a/model.sgm)"
pass "task 1 was requeued and finished from its checkpoint: $(trained runs/b/model.sgm)"

"$SGS" report runs | tee report.txt
[ "$(grep -c " done " report.txt)" -eq 3 ] || fail "the report does not list three finished runs"
# a and b: the same image, seed and thread count; b stopped and resumed, a not.
[ "$(grep '^a ' report.txt | awk '{print $5, $6, $7}')" = "$(grep '^b ' report.txt | awk '{print $5, $6, $7}')" ] \
    || fail "the resumed run scores differently from the uninterrupted one"
pass "report lists the three runs; the resumed b scores exactly as the uninterrupted a"
