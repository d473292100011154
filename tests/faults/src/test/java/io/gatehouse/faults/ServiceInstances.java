package io.gatehouse.faults;

import io.gatehouse.testing.process.KafkaProcess;
import io.gatehouse.testing.process.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * N instances of one packaged service, as a Deployment with N replicas runs them: the same settings (and so the
 * same database and Kafka consumer group), each its own JVM on its own port and log
 * ({@code target/service-logs/<service>-<n>.log} when there are several).
 */
final class ServiceInstances {

    private ServiceInstances() {
    }

    /** Starts {@code ports.size()} instances of {@code service} without waiting for them: start several, then wait. */
    static List<ServiceProcess> start(String service, List<Integer> ports, Map<String, String> env) throws Exception {
        List<ServiceProcess> instances = new ArrayList<>();
        for (int i = 0; i < ports.size(); i++) {
            String instance = ports.size() > 1 ? service + "-" + (i + 1) : service;
            instances.add(ServiceProcess.start(service, instance, ports.get(i), env));
        }
        return List.copyOf(instances);
    }

    static List<Integer> freePorts(int count) throws Exception {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(KafkaProcess.freePort());
        }
        return ports;
    }

    static void awaitReady(List<ServiceProcess> instances) throws InterruptedException {
        for (ServiceProcess instance : instances) {
            instance.awaitReady(Duration.ofSeconds(180));
        }
    }

    /** The first instance that is running: where a reader goes while another instance is down. */
    static ServiceProcess live(List<ServiceProcess> instances) {
        return instances.stream().filter(ServiceProcess::isAlive).findFirst()
                .orElseThrow(() -> new IllegalStateException("no instance running"));
    }

    /** Stops them all at once (each graceful shutdown may take seconds). */
    static void close(List<ServiceProcess> instances) {
        atOnce(instances, instance -> {
            instance.close();
            return null;
        });
    }

    /** What each instance takes to be ready, waited for side by side; by the instance. */
    static Map<ServiceProcess, Duration> awaitReadyAtOnce(List<ServiceProcess> instances) {
        Instant since = Instant.now();
        return atOnce(instances, instance -> {
            instance.awaitReady(Duration.ofSeconds(180));
            return Duration.between(since, Instant.now());
        });
    }

    /** One thread an instance (the common pool has one thread on two cores): {@code action}'s result for each. */
    private static <T> Map<ServiceProcess, T> atOnce(List<ServiceProcess> instances, Action<T> action) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, instances.size()));
        try {
            Map<ServiceProcess, Future<T>> futures = new LinkedHashMap<>();
            instances.forEach(instance -> futures.put(instance, pool.submit(() -> action.apply(instance))));
            Map<ServiceProcess, T> results = new LinkedHashMap<>();
            for (Map.Entry<ServiceProcess, Future<T>> future : futures.entrySet()) {
                results.put(future.getKey(), future.getValue().get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private interface Action<T> {
        T apply(ServiceProcess instance) throws Exception;
    }
}
