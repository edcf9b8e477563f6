package io.mtlsedge.common.event;

/** Names used for CloudEvents 1.0 in Kafka binary mode: attributes travel as {@code ce_*}. */
public final class CloudEvents {

  public static final String SPEC_VERSION = "1.0";

  public static final String HEADER_SPEC_VERSION = "ce_specversion";
  public static final String HEADER_ID = "ce_id";
  public static final String HEADER_SOURCE = "ce_source";
  public static final String HEADER_TYPE = "ce_type";
  public static final String HEADER_TIME = "ce_time";
  public static final String HEADER_SUBJECT = "ce_subject";
  public static final String HEADER_DATA_SCHEMA = "ce_dataschema";
  public static final String HEADER_CONTENT_TYPE = "content-type";

  public static final String JSON = "application/json";

  /** Type of the events on {@code edge.connections}. */
  public static final String TYPE_CONNECTION = "io.mtlsedge.edge.connection.v1";

  /** Schema of the events on {@code edge.connections}, shipped in this module. */
  public static final String SCHEMA_CONNECTION = "urn:mtls-edge:schema:connection-event:v1";

  /** The resource path of the connection event's JSON Schema. */
  public static final String SCHEMA_CONNECTION_RESOURCE = "/schemas/connection-event.v1.json";

  private CloudEvents() {}
}
