/** Finding messages are built with the model's message machinery: one place for audit and correlate. */
export * from '../model/message.js';
