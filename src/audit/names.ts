/** How a reviewer names nodes lives with the model, beside the message machinery that uses it. */
export * from '../model/names.js';
