#!/usr/bin/env bash
# Packages the services (Quarkus generates their Kubernetes manifests) and collects the manifests here.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
"$root/mvnw" -q -B -f "$root/pom.xml" package -DskipTests \
  -pl services/onboarding-service,services/connector-service,services/webhook-receiver,services/grant-service,\
services/identity-bridge,services/ops-console -am
mkdir -p "$here/generated"
for service in onboarding-service connector-service webhook-receiver grant-service identity-bridge ops-console; do
  cp "$root/services/$service/target/kubernetes/kubernetes.yml" "$here/generated/$service.yml"
done
echo "manifests in $here/generated/"
