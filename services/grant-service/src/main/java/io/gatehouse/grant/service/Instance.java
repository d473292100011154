package io.gatehouse.grant.service;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** This process among the service's instances: a random id per start, with the host name for humans. */
@ApplicationScoped
public class Instance {

    private final String id = host() + "/" + UUID.randomUUID();

    public String id() {
        return id;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}
