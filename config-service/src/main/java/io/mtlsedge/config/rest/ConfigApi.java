package io.mtlsedge.config.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The OpenAPI description of the config API, served at {@code /q/openapi}. */
@OpenAPIDefinition(
    info =
        @Info(
            title = "mtls-edge config API",
            version = "v1",
            description =
                "Distributions and trust stores of the mtls-edge control plane. Errors are"
                    + " application/problem+json (RFC 9457); updates and deletes need If-Match."))
@SecurityScheme(
    securitySchemeName = "adminToken",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    description = "The admin token, mtls.config.admin-token")
public class ConfigApi extends Application {}
