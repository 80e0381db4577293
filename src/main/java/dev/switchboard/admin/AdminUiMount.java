package dev.switchboard.admin;

import dev.switchboard.config.AdminUiSettings;
import dev.switchboard.config.SwitchboardConfig;
import jakarta.inject.Inject;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;

import java.util.logging.Logger;

/** Maps the dashboard at {@code adminUiPath} when the Admin UI is on; maps nothing when it is off. */
@WebListener
public class AdminUiMount implements ServletContextListener {
    private static final Logger LOG = Logger.getLogger(AdminUiMount.class.getName());

    @Inject
    SwitchboardConfig config;

    @Override
    public void contextInitialized(ServletContextEvent event) {
        AdminUiSettings settings = config.adminUi();
        if (!settings.enabled()) {
            return;
        }
        FilterRegistration.Dynamic filter = event.getServletContext().addFilter("switchboard-admin-ui", new AdminUiFilter(settings.path()));
        filter.addMappingForUrlPatterns(null, false, settings.path(), settings.path() + "/*");
        LOG.info(() -> "Admin UI dashboard at " + event.getServletContext().getContextPath() + settings.path() + "/");
    }
}
