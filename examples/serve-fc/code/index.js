// An FC 3.0 event function behind an HTTP trigger and a timer: the event arrives as a Buffer of JSON.
exports.handler = async (buffer, context) => {
  const event = JSON.parse(buffer.toString());
  if (event.triggerName) {
    console.log(`timer ${event.triggerName} at ${event.triggerTime}: ${event.payload}`);
    return 'done';
  }
  return {
    statusCode: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ method: event.requestContext.http.method, path: event.rawPath, requestId: context.requestId }),
  };
};
