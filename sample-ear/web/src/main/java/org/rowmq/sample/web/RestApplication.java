package org.rowmq.sample.web;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API behind the page, under /api. */
@ApplicationPath("api")
public class RestApplication extends Application {
}
