console.log('jn');
