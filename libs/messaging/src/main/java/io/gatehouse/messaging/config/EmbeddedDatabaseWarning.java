package io.gatehouse.messaging.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/** Says at startup, in production, that the service runs on an embedded H2 database, which one instance only may use. */
@ApplicationScoped
class EmbeddedDatabaseWarning {

    void onStart(@Observes StartupEvent started) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        Optional<String> url = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class);
        if (url.filter(u -> u.startsWith("jdbc:h2:")).isPresent()) {
            Log.warnf("embedded H2 database: single instance only (%s). Run more instances only on PostgreSQL "
                    + "(GATEHOUSE_DB_URL).", url.get());
        }
    }
}
