package io.gatehouse.onboarding.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/**
 * {@code gatehouse.onboarding.*}: the API's limits and the credential markers for {@code config} keys. The allow-list of
 * non-secret keys per Fivetran service is a resource, {@code fivetran-config-keys.json}, not configuration.
 */
@ConfigMapping(prefix = "gatehouse.onboarding")
public interface OnboardingConfig {

    /**
     * The grant-service's {@code gatehouse.grant.managed-prefix}: the table group and the businesses of a request are
     * checked against the role names it will derive from them.
     */
    @WithDefault("GH_")
    String managedPrefix();

    /** Page size of {@code GET /onboarding-requests} when the caller gives none. */
    @WithDefault("20")
    int defaultPageSize();

    /** Largest page a caller may ask for. */
    @WithDefault("100")
    int maxPageSize();

    /**
     * A {@code config} key is refused when, lower-cased and stripped of everything but letters and digits,
     * it contains one of these markers ({@code DB_Password}, {@code ssh.private-key}, {@code apiKey}...).
     */
    @WithDefault("password,passwd,pwd,passphrase,secret,token,privatekey,apikey,accesskey,credential,"
            + "clientsecret,authorization,bearer,sessionkey,signingkey,sshkey,serviceaccountkey,consumerkey,"
            + "connectionstring,connstring,keyfile,certificate")
    List<String> credentialMarkers();

    /**
     * A {@code config} key is refused too when one of its words (split at {@code _}, {@code -}, {@code .} and
     * camelCase) is one of these: short words that as markers would refuse {@code pattern} or {@code path}.
     */
    @WithDefault("pass,pat,pin,psk,dsn")
    List<String> credentialWords();

    Retention retention();

    /** How long history is kept (libs/messaging RetentionSchedule purges it hourly, in batches). */
    interface Retention {
        /**
         * Timeline entries older than this are deleted, except each request's latest, which stays however old: a request
         * never shows an empty timeline, and its latest entry says how it ended up where it is.
         */
        @WithDefault("400d")
        Duration timeline();
    }
}
