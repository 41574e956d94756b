'use strict';
// An express app: nothing in it knows about FC or SCF.
const express = require('express');

const app = express();
app.use(express.json());
app.get('/', (req, res) => res.json({ hello: req.query.name || 'world', ip: req.ip }));
app.post('/users', (req, res) => res.status(201).json({ created: req.body }));
module.exports = app;
