#!/usr/bin/env bash
# Runs a toolkit task plan on Kubernetes: one Indexed Job per stage (datasets, detector runs,
# leaderboards), applied one after another (`kubectl wait` for each to complete), since the
# pods of one Indexed Job have no order among them.
#
#   toolkit bench zigzag arrhythmia --detectors iforest,hbos --runs 3 --plan /work/plan.jsonl
#   Fixtures/engines/k8s-run-plan.sh /work/plan.jsonl IMAGE CLAIM [PARALLELISM]
#
# IMAGE has the toolkit binary on PATH; CLAIM is a PersistentVolumeClaim (ReadWriteMany) that
# holds the plan's folder, mounted at the same path in every pod. Each pod runs
# `toolkit run-task PLAN --stage S` with the index from JOB_COMPLETION_INDEX, which Kubernetes
# sets; failed pods are retried per index (backoffLimitPerIndex), finished units skipped.
# The manifests are written next to the plan (PLAN.stageS.yaml) before they are applied.
set -euo pipefail
if [ $# -lt 3 ]; then echo "usage: $0 PLAN IMAGE CLAIM [PARALLELISM]" >&2; exit 2; fi
plan=$(realpath "$1"); image=$2; claim=$3; parallelism=${4:-2}
folder=$(dirname "$plan")
for stage in 0 1 2; do
  n=$(grep -cE "\"stage\":$stage[,}]" "$plan" || true)
  [ "$n" -gt 0 ] || continue
  name="toolkit-stage$stage-$(basename "$plan" .jsonl | tr -c 'a-z0-9\n' '-')"
  manifest="$plan.stage$stage.yaml"
  cat > "$manifest" <<YAML
apiVersion: batch/v1
kind: Job
metadata:
  name: $name
spec:
  completionMode: Indexed
  completions: $n
  parallelism: $parallelism
  backoffLimitPerIndex: 3
  maxFailedIndexes: 0
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: toolkit
          image: $image
          workingDir: $folder
          command: ["toolkit", "run-task", "$plan", "--stage", "$stage", "--quiet"]
          env:
            - name: OPENBLAS_NUM_THREADS
              value: "${OPENBLAS_NUM_THREADS:-1}"
          resources:
            requests:
              cpu: "1"
          volumeMounts:
            - name: work
              mountPath: $folder
      volumes:
        - name: work
          persistentVolumeClaim:
            claimName: $claim
YAML
  kubectl apply -f "$manifest"
  kubectl wait --for=condition=complete "job/$name" --timeout=-1s
  echo "stage $stage: $n units done"
done
