console.log("mcuflash");
